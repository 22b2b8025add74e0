#!/bin/sh
# Makes the small archives the release unit tests read, with GNU tar (an implementation
# independent of the tool's own reader). Run from this folder; the output is deterministic.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack() { # format archive folder...
    format=$1 archive=$2
    shift 2
    tar -C "$work" --format="$format" --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name \
        -cf "$PWD/$archive" "$@"
}

# A release in the official layout, with the README and Documentation the real archives hold.
make_release() { # version binaries...
    version=$1
    shift
    top="etcd-v$version-linux-amd64"
    mkdir -p "$work/$top/Documentation/dev-guide"
    echo "# etcd" > "$work/$top/README.md"
    echo "guide" > "$work/$top/Documentation/dev-guide/api_reference_v3.md"
    for binary do
        printf '#!/bin/sh\necho "%s Version: %s"\n' "$binary" "$version" > "$work/$top/$binary"
        chmod 0755 "$work/$top/$binary"
    done
    pack gnu "$top.tar" "$top"
    gzip -n -f "$top.tar"
}
make_release 9.9.9 etcd etcdctl etcdutl
make_release 9.8.7 etcd etcdctl
make_release 9.0.1 etcd

# Names longer than the 100 bytes of a tar header, in the three ways tars store them.
long="a-folder-whose-name-is-long-enough-to-need-more-than-one-hundred-bytes/and-a-nested-folder-too"
mkdir -p "$work/$long"
echo "long" > "$work/$long/file-with-a-long-path.txt"
pack gnu gnu-long-name.tar "$long"
pack posix pax-long-name.tar "$long"
pack ustar ustar-prefix.tar "$long"

sha256sum etcd-v*.tar.gz > SHA256SUMS
