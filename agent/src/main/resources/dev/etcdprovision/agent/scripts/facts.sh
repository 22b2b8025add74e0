# Host facts, read-only, in one round trip. Arguments: ETCD_BINARY DATA_DIR UNIT ACCOUNT PATH...
# (an empty argument: not asked). One "key value" line per fact; see HostFactsParser.
etcd_binary=$1 data_dir=$2 unit=$3 account=$4
shift 4

echo "clock-start $(date +%s%N)"
echo "hostname $(cat /proc/sys/kernel/hostname)"
if [ -r /etc/os-release ]; then
    # in a subshell: os-release is shell syntax, and its variables stay there
    (. /etc/os-release && echo "os-id ${ID:-}" && echo "os-version ${VERSION_ID:-}" && echo "os-name ${PRETTY_NAME:-}")
fi
echo "machine $(uname -m)"
if [ -d /run/systemd/system ]; then
    echo "systemd-running yes"
fi
if version=$(systemctl --version 2>/dev/null); then
    echo "systemd-version $(echo "$version" | head -n 1)"
fi
if [ -n "$account" ]; then
    if entry=$(getent passwd "$account"); then echo "passwd $entry"; fi
    if entry=$(getent group "$account"); then echo "group $entry"; fi
fi
if [ -n "$etcd_binary" ] && [ -x "$etcd_binary" ]; then
    echo "etcd-version $("$etcd_binary" --version 2>/dev/null | sed -n 's/^etcd Version: //p')"
fi
if [ -n "$data_dir" ]; then
    if [ -d "$data_dir" ]; then
        if is_empty_dir "$data_dir"; then echo "data-dir empty"; else echo "data-dir non-empty"; fi
    elif [ -e "$data_dir" ]; then
        echo "data-dir not-a-folder"
    else
        echo "data-dir missing"
    fi
fi
if [ -n "$unit" ]; then
    systemctl show --property=LoadState,ActiveState,SubState,UnitFileState,MainPID -- "$unit" 2>/dev/null \
        | sed 's/^/unit /'
fi
ss -ltnpH 2>/dev/null | sed 's/^/listen /'
for path do
    describe_path "$path"
done
echo "clock-end $(date +%s%N)"
