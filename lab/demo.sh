#!/bin/sh
# The main job on the lab: three local hosts (real systemd + sshd on 127.0.x.1-3), then
# `etcd-provision apply` on them.
#
#   lab/demo.sh          set up the machine, build, start three hosts (again, if they exist)
#   lab/demo.sh down     remove the hosts
#
# The hosts stay up after the script ends; their SSH key and known_hosts are in ./demo.
set -eu
cd "$(dirname "$0")/.."
dir=$PWD/demo
lab_jar=lab/target/etcd-provision-lab.jar
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost

if [ "${1:-}" = "down" ]; then
    [ -f "$dir/lab.properties" ] && java -jar "$lab_jar" down "$dir"
    echo "[demo] lab removed"
    exit 0
fi

lab/setup-machine.sh
echo "[demo] building"
mvn -B -ntp -q package -DskipTests
if [ -f "$dir/lab.properties" ]; then
    java -jar "$lab_jar" down "$dir"
fi
mkdir -p "$dir"
java -jar "$lab_jar" up 3 "$dir" > "$dir/hosts"
while read -r index address name; do
    echo "[demo] host $index: $address ($name), ssh -i demo/id_ed25519 -o UserKnownHostsFile=demo/known_hosts root@$address"
done < "$dir/hosts"

echo "[demo] the lab is up; \`etcd-provision apply\` is not there yet, so the demo stops here"
