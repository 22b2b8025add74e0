<#-- etcdctl for root on the node, without flags: the settings of etcdctl.env (the local member,
     the node's health check client certificate), then the etcdctl of the node's etcd release. -->
#!/bin/sh
# etcdctl for root on ${node.name}, against its local member (etcd-provision; change the inventory,
# not this file). The settings come from ${layout.ETCDCTL_ENV}; flags given here override them.
if [ "$(id -u)" -ne 0 ]; then
    echo "etcdctl here uses the node's client key, which only root can read: run it with sudo" >&2
    exit 1
fi
set -a
. ${layout.ETCDCTL_ENV}
set +a
ETCDCTL_API=3
export ETCDCTL_API
exec ${layout.etcdctl(etcd.version)} "$@"
