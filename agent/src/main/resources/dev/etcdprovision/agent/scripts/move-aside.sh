# Moves a data folder aside (never deletes it): DIR becomes DIR.replaced-STAMP. Of the copies moved
# aside, the newest KEEP stay and older ones are deleted. A missing or empty folder is left alone:
# moving it would only push a real copy out of the KEEP newest. Arguments: DIR STAMP KEEP
dir=$1 stamp=$2 keep=$3
if [ ! -d "$dir" ]; then
    { [ -e "$dir" ] || [ -L "$dir" ]; } && fail "$dir is not a folder"
    echo "unchanged $dir does not exist"
    exit 0
fi
if is_empty_dir "$dir"; then
    echo "unchanged $dir is empty"
    exit 0
fi
target="$dir.replaced-$stamp"
n=1
while [ -e "$target" ]; do
    target="$dir.replaced-$stamp.$n"
    n=$((n + 1))
done
mv -- "$dir" "$target" || fail "cannot move $dir to $target"
parent=${dir%/*}
sync -- "${parent:-/}"
# The stamps sort by time, so the oldest copies come last in reverse order.
older=$(ls -d -- "$dir".replaced-* 2>/dev/null | sort -r | tail -n +"$((keep + 1))")
deleted=""
if [ -n "$older" ]; then
    while IFS= read -r copy; do
        rm -rf -- "$copy" || fail "moved $dir to $target, but cannot delete the older copy $copy"
        deleted="$deleted, deleted older copy $copy"
    done <<LIST
$older
LIST
fi
echo "changed moved $dir to $target$deleted"
