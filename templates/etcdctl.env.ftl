<#-- Settings for etcdctl on the node: the local member, with the node's health check client
     certificate (its key is root's only). -->
# etcdctl settings for the local member ${node.name}. Use as root:
#   set -a; . ${layout.ETCDCTL_ENV}; set +a; ${layout.etcdctl(etcd.version)} endpoint health
ETCDCTL_ENDPOINTS=${node.clientUrl}
ETCDCTL_CACERT=${layout.CA_CERT}
ETCDCTL_CERT=${layout.HEALTHCHECK_CLIENT_CERT}
ETCDCTL_KEY=${layout.HEALTHCHECK_CLIENT_KEY}
