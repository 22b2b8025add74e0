# A folder with an owner, group and mode. Arguments: PATH MODE OWNER GROUP
path=$1 mode=$2 owner=$3 group=$4
if [ -d "$path" ]; then
    [ "$(stat -c '%a %U %G' -- "$path")" = "$mode $owner $group" ] && { echo "unchanged"; exit 0; }
    what="fixed owner and mode"
elif [ -e "$path" ] || [ -L "$path" ]; then
    fail "$path exists and is not a folder"
else
    mkdir -p -- "$path" || fail "cannot create $path"
    what="created"
fi
chown -- "$owner:$group" "$path" || fail "cannot give $path owner $owner:$group"
chmod -- "$mode" "$path" || fail "cannot give $path mode $mode"
echo "changed $what"
