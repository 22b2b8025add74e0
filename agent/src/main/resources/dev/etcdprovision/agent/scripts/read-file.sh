# Prints a file; exit status 3 when it does not exist. Arguments: PATH
[ -e "$1" ] || exit 3
[ -f "$1" ] || fail "$1 is not a file"
cat -- "$1"
