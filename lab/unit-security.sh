#!/bin/sh
# Prints systemd's security assessment of the rendered etcd unit and fails when its overall
# exposure is above 2.5. The unit is the golden copy rendered from inventory.example.yaml (the
# golden-file test keeps it equal to what etcd-provision renders); it is assessed by the systemd
# of the lab image, the one it runs under in the lab.
#
#   lab/unit-security.sh [UNIT-FILE]
set -eu
cd "$(dirname "$0")/.."
unit=$(readlink -f "${1:-controller/src/test/resources/golden/three-nodes/k8s1-etcd1/etcd3.service}")
image=$(lab/build-image.sh)
# systemd-analyze counts exposure in tenths here: 25 is 2.5
docker run --rm --network none -v "$unit:/etc/systemd/system/etcd3.service:ro" "$image" \
    systemd-analyze security --offline=true --threshold=25 --no-pager /etc/systemd/system/etcd3.service
