# Gives an existing file or folder an owner, group and mode. Arguments: PATH MODE OWNER GROUP
path=$1 mode=$2 owner=$3 group=$4
[ -e "$path" ] || fail "$path does not exist"
chown -- "$owner:$group" "$path" || fail "cannot give $path owner $owner:$group"
chmod -- "$mode" "$path" || fail "cannot give $path mode $mode"
echo "changed set $owner:$group $mode"
