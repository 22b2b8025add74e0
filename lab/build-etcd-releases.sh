#!/bin/sh
# Builds etcd release archives in the etcd project's official layout from Debian's packages,
# for tests that cannot reach the internet:
#
#   OUT/etcd-v3.4.23-linux-amd64.tar.gz   etcd-v3.4.23-linux-amd64/{etcd,etcdctl}          (bookworm)
#   OUT/etcd-v3.5.16-linux-amd64.tar.gz   etcd-v3.5.16-linux-amd64/{etcd,etcdctl,etcdutl}  (trixie)
#   OUT/SHA256SUMS                        as published next to the official archives
#
# The controller fetches them by file:// or http:// URL: the same code path as a real download.
# Archives already in OUT are kept, so a second run only re-checks the sums.
#
#   lab/build-etcd-releases.sh [OUT]      default OUT: ~/.cache/etcd-provision-lab/releases
set -eu

out=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/etcd-provision-lab/releases}
mkdir -p "$out"
out=$(cd "$out" && pwd)

mirror=${LAB_DEBIAN_MIRROR:-$(
    { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
      grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } \
    | grep -m1 '/debian/*$' || echo http://deb.debian.org/debian)}

work=$(mktemp -d /tmp/etcd-provision-releases.XXXXXX)
trap 'rm -rf "$work"' EXIT

exec 9>/tmp/etcd-provision-lab-releases.lock
flock 9

# Downloads etcd-server and etcd-client for one Debian suite with a private apt state, so the
# machine's own sources and package lists stay untouched.
fetch_debs() { # suite dir
    suite=$1; dir=$2
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
    echo "deb $mirror $suite main" > "$dir/sources.list"
    set -- -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
           -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
           -o Debug::NoLocking=1 -o APT::Sandbox::User=root
    apt-get "$@" -qq update >&2
    (cd "$dir/debs" && apt-get "$@" -qq download etcd-server etcd-client >&2)
}

# Repacks the binaries of the two packages as etcd-vVERSION-linux-amd64.tar.gz.
repack() { # dir
    dir=$1
    for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
    version=$("$dir/root/usr/bin/etcd" --version | awk '/etcd Version:/ {print $3}')
    name="etcd-v$version-linux-amd64"
    if [ -f "$out/$name.tar.gz" ]; then
        echo "$name.tar.gz already in $out" >&2
        return
    fi
    mkdir -p "$dir/$name"
    for bin in etcd etcdctl etcdutl; do
        if [ -x "$dir/root/usr/bin/$bin" ]; then
            install -m 0755 "$dir/root/usr/bin/$bin" "$dir/$name/$bin"
        fi
    done
    # Fixed owner and times: the same packages always give the same archive bytes.
    tar -C "$dir" --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name \
        -c "$name" | gzip -n > "$out/$name.tar.gz.tmp"
    mv "$out/$name.tar.gz.tmp" "$out/$name.tar.gz"
    echo "built $out/$name.tar.gz" >&2
}

for suite in bookworm trixie; do
    fetch_debs "$suite" "$work/$suite"
    repack "$work/$suite"
done

(cd "$out" && sha256sum etcd-v*-linux-amd64.tar.gz > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS)
(cd "$out" && sha256sum -c --quiet SHA256SUMS >&2)
echo "$out"
