# Writes stdin to TARGET, all or nothing. Arguments: TARGET SHA256 MODE OWNER GROUP [ENCODING]
# The content goes to a temporary file beside the target; it replaces the target only once its
# sha256 is verified here, its owner and mode are set and it is on disk. A broken upload leaves the
# target as it was; temporary files of earlier runs that crashed are removed first.
# ENCODING "gzip": stdin is gzip-compressed (large binaries: a third of the bytes to send); the
# sha256 is that of the decompressed content, as written.
target=$1 want=$2 mode=$3 owner=$4 group=$5 encoding=${6:-plain}
dir=${target%/*}
dir=${dir:-/}
base=${target##*/}
[ -d "$dir" ] || fail "the folder $dir does not exist"
[ -d "$target" ] && fail "$target is a folder"
rm -f -- "$dir/.$base.etcd-provision-"*.tmp
tmp="$dir/.$base.etcd-provision-$$.tmp"
case $encoding in
    plain) decode="cat" ;;
    gzip) decode="gzip -dc" ;;
    *) fail "unknown encoding $encoding" ;;
esac
if ! (umask 077 && $decode > "$tmp"); then
    rm -f -- "$tmp"
    fail "cannot write $tmp"
fi
got=$(sha256 "$tmp")
if [ "$got" != "$want" ]; then
    rm -f -- "$tmp"
    fail "the upload of $target arrived incomplete or damaged (sha256 $got, expected $want); $target was not touched"
fi
if ! chown -- "$owner:$group" "$tmp" || ! chmod -- "$mode" "$tmp"; then
    rm -f -- "$tmp"
    fail "cannot give $tmp owner $owner:$group and mode $mode"
fi
sync -- "$tmp"
if ! mv -f -- "$tmp" "$target"; then
    rm -f -- "$tmp"
    fail "cannot rename $tmp to $target"
fi
sync -- "$dir"
echo "changed wrote $(stat -c %s -- "$target") bytes"
