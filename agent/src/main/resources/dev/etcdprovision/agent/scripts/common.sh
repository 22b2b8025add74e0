# Prepended to every script the agent runs on a host: POSIX sh, run as root, arguments in "$@".
set -u
LC_ALL=C
export LC_ALL
umask 022

# fail MESSAGE: the message goes to stderr, where the agent takes an error's reason from.
fail() {
    echo "$*" >&2
    exit 1
}

# sha256 FILE: the file's sha256 as lower-case hex. openssl uses the CPU's SHA instructions where
# sha256sum does not (three times faster on the etcd binaries); it starts slower, so small files
# go through sha256sum.
sha256() {
    if [ "$(stat -L -c %s -- "$1")" -ge 1048576 ] && command -v openssl >/dev/null 2>&1; then
        set -- "$(openssl dgst -sha256 -r < "$1")"
    else
        set -- "$(sha256sum < "$1")"
    fi
    echo "${1%% *}"
}

# describe_path PATH: one line "path KIND SHA256 MODE OWNER GROUP PATH" (the path last, as it may
# hold spaces); KIND is file, dir, other or missing; "-" stands for what does not apply.
describe_path() {
    if [ -f "$1" ]; then
        echo "path file $(sha256 "$1") $(stat -L -c '%a %U %G' -- "$1") $1"
    elif [ -d "$1" ]; then
        echo "path dir - $(stat -L -c '%a %U %G' -- "$1") $1"
    elif [ -e "$1" ] || [ -L "$1" ]; then
        echo "path other - - - - $1"
    else
        echo "path missing - - - - $1"
    fi
}

# is_empty_dir DIR: whether the folder has no entries at all.
is_empty_dir() {
    [ -z "$(ls -A -- "$1" 2>/dev/null | head -n 1)" ]
}
