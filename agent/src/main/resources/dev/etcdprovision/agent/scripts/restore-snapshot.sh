# Restores an etcd snapshot into a data dir, as one member of a new cluster, all or nothing.
# Arguments: TOOL SNAPSHOT SHA256 DATADIR NAME PEER_URL INITIAL_CLUSTER TOKEN OWNER GROUP
# TOOL is the release's etcdutl (etcd 3.5 on) or etcdctl (3.4). The data dir must be missing or
# empty (its old content is moved aside before). The restore goes to a folder beside it, gets its
# owner and mode 0700, and only then is renamed into place: a run that breaks off leaves no
# half-restored data dir, and the next run starts over.
tool=$1 snapshot=$2 want=$3 dir=$4 name=$5 peer=$6 cluster=$7 token=$8 owner=$9 group=${10}
[ -f "$snapshot" ] || fail "the snapshot $snapshot is missing"
got=$(sha256 "$snapshot")
[ "$got" = "$want" ] || fail "the snapshot $snapshot is damaged (sha256 $got, expected $want)"
if [ -d "$dir" ] && ! is_empty_dir "$dir"; then
    fail "$dir is not empty: move its content aside first"
fi
staging="$dir.restoring"
rm -rf -- "$staging" || fail "cannot delete $staging, left by a restore that broke off"
case ${tool##*/} in
    etcdutl) set -- "$tool" ;;
    etcdctl) set -- env ETCDCTL_API=3 "$tool" ;;
    *) fail "$tool is neither etcdutl nor etcdctl" ;;
esac
if ! output=$("$@" snapshot restore "$snapshot" --name "$name" --initial-cluster "$cluster" \
        --initial-cluster-token "$token" --initial-advertise-peer-urls "$peer" --data-dir "$staging" 2>&1); then
    rm -rf -- "$staging"
    fail "${tool##*/} snapshot restore failed: $(printf '%s\n' "$output" | tail -n 1)"
fi
chown -R -- "$owner:$group" "$staging" || fail "cannot give $staging to $owner:$group"
chmod 0700 "$staging" || fail "cannot give $staging mode 0700"
sync -f -- "$staging"
if [ -d "$dir" ]; then
    rmdir -- "$dir" || fail "cannot replace the empty $dir"
fi
mv -- "$staging" "$dir" || fail "cannot rename $staging to $dir"
parent=${dir%/*}
sync -- "${parent:-/}"
echo "changed restored into $dir"
