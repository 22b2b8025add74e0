#!/bin/sh
# The main job on the lab: three local hosts (real systemd + sshd on 127.0.x.1-3), then
# `etcd-provision apply` on them, then the cluster's health as an operator checks it.
#
#   lab/demo.sh          set up the machine, build, start three hosts (anew), apply, check
#   lab/demo.sh down     remove the hosts
#
# The hosts stay up after the script ends; their SSH key, known_hosts, the inventory and the PKI
# folder are in ./demo.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
dir=$root/demo
lab_jar=lab/target/etcd-provision-lab.jar
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost

if [ "${1:-}" = "down" ]; then
    [ -f "$dir/lab.properties" ] && java -jar "$lab_jar" down "$dir"
    echo "[demo] lab removed"
    exit 0
fi

lab/setup-machine.sh
releases=$(lab/build-etcd-releases.sh 2>/dev/null)
echo "[demo] building"
mvn -B -ntp -q package -DskipTests
if [ -f "$dir/lab.properties" ]; then
    java -jar "$lab_jar" down "$dir"
fi
rm -rf "$dir/pki" "$dir/backups"
mkdir -p "$dir"
java -jar "$lab_jar" up 3 "$dir" > "$dir/hosts"

{
    echo "# the demo cluster on the lab's three hosts"
    echo "cluster:"
    echo "  name: demo"
    echo "  etcdVersion: 3.5.16"
    echo "  release:"
    echo "    url: file://$releases/etcd-v{version}-linux-{arch}.tar.gz"
    echo "ssh:"
    echo "  user: root"
    echo "  identityFile: id_ed25519"
    echo "  knownHosts: known_hosts"
    echo "nodes:"
    while read -r index address name; do
        echo "  - name: etcd$index"
        echo "    address: $address"
    done < "$dir/hosts"
} > "$dir/inventory.yaml"

cd "$dir"
"$root/bin/etcd-provision" apply inventory.yaml

endpoints=$(awk '{printf "%shttps://%s:2379", (NR > 1 ? "," : ""), $2}' hosts)
etcdctl=$(find /tmp/etcd-provision-demo -name etcdctl 2>/dev/null | head -1)
if [ -z "$etcdctl" ]; then
    mkdir -p /tmp/etcd-provision-demo
    tar -xzf "$releases/etcd-v3.5.16-linux-amd64.tar.gz" -C /tmp/etcd-provision-demo
    etcdctl=/tmp/etcd-provision-demo/etcd-v3.5.16-linux-amd64/etcdctl
fi
echo "[demo] the cluster as etcdctl sees it, with the admin certificate:"
"$etcdctl" --endpoints="$endpoints" --cacert=pki/ca.crt --cert=pki/clients/admin.crt \
    --key=pki/clients/admin.key endpoint health --cluster -w table
"$etcdctl" --endpoints="$endpoints" --cacert=pki/ca.crt --cert=pki/clients/admin.crt \
    --key=pki/clients/admin.key endpoint status -w table
echo "[demo] the hosts stay up: cd demo && ../bin/etcd-provision plan; lab/demo.sh down removes them"
