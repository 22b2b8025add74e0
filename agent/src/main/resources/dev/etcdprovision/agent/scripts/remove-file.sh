# Deletes a file (one the controller left there for a while). Arguments: PATH
[ -e "$1" ] || [ -L "$1" ] || { echo "unchanged $1 does not exist"; exit 0; }
[ -d "$1" ] && fail "$1 is a folder"
rm -f -- "$1" || fail "cannot delete $1"
echo "changed deleted $1"
