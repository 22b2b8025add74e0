#!/bin/sh
# Prepares a Debian 12 machine (as root) for the lab and the tests: Debian packages, a running
# Docker engine, the lab's host image and the etcd release archives. Run it again at any time:
# it skips what is already in place.
set -eu
cd "$(dirname "$0")/.."

packages="docker.io debootstrap iptables openssh-client openssl ca-certificates curl
          openjdk-17-jdk-headless maven"
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $package"
done
if [ -n "$missing" ]; then
    echo "[setup] installing:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The Docker engine. On a machine without systemd (a container, CI) dockerd is started by hand,
# with no bridge network and no iptables changes: the lab's hosts use the machine's network.
if ! docker info >/dev/null 2>&1; then
    echo "[setup] starting dockerd"
    setsid nohup dockerd --bridge=none --iptables=false --ip6tables=false \
        >/var/log/etcd-provision-lab-dockerd.log 2>&1 < /dev/null &
    tries=0
    until docker info >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -gt 120 ]; then
            echo "[setup] dockerd did not start; see /var/log/etcd-provision-lab-dockerd.log" >&2
            exit 1
        fi
        sleep 0.5
    done
fi

echo "[setup] lab image: $(lab/build-image.sh)"
echo "[setup] etcd releases: $(lab/build-etcd-releases.sh)"
