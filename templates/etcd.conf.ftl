<#-- etcd reads its settings from these variables (EnvironmentFile= of the unit). Only variables
     that this etcd release knows may appear: etcd warns about any other. -->
# etcd ${etcd.version}, member ${node.name} of cluster ${cluster.name}.
# Written by etcd-provision from the inventory: change the inventory, not this file.

# The member
ETCD_NAME=${node.name}
ETCD_DATA_DIR=${cluster.dataDir}
ETCD_LISTEN_PEER_URLS=${node.peerUrl}
ETCD_INITIAL_ADVERTISE_PEER_URLS=${node.peerUrl}
ETCD_LISTEN_CLIENT_URLS=${node.listenClientUrls?join(",")}
ETCD_ADVERTISE_CLIENT_URLS=${node.clientUrl}
<#if node.listenMetricsUrls?has_content>
ETCD_LISTEN_METRICS_URLS=${node.listenMetricsUrls?join(",")}
</#if>

# The cluster it forms or joins; etcd reads these only while its data dir is empty
ETCD_INITIAL_CLUSTER=${initial.initialCluster?join(",")}
ETCD_INITIAL_CLUSTER_STATE=${initial.initialClusterState}
ETCD_INITIAL_CLUSTER_TOKEN=${initial.initialClusterToken}

# TLS for clients: only certificates from the cluster's CA get in
ETCD_CERT_FILE=${layout.SERVER_CERT}
ETCD_KEY_FILE=${layout.SERVER_KEY}
ETCD_TRUSTED_CA_FILE=${layout.CA_CERT}
ETCD_CLIENT_CERT_AUTH=true

# TLS between members
ETCD_PEER_CERT_FILE=${layout.PEER_CERT}
ETCD_PEER_KEY_FILE=${layout.PEER_KEY}
ETCD_PEER_TRUSTED_CA_FILE=${layout.CA_CERT}
ETCD_PEER_CLIENT_CERT_AUTH=true

# Raft and storage
ETCD_HEARTBEAT_INTERVAL=${etcd.heartbeatIntervalMillis}
ETCD_ELECTION_TIMEOUT=${etcd.electionTimeoutMillis}
ETCD_PRE_VOTE=true
ETCD_SNAPSHOT_COUNT=${etcd.snapshotCount}
ETCD_QUOTA_BACKEND_BYTES=${etcd.quotaBackendBytes}
ETCD_MAX_REQUEST_BYTES=${etcd.maxRequestBytes}
ETCD_AUTO_COMPACTION_MODE=${etcd.autoCompactionMode}
ETCD_AUTO_COMPACTION_RETENTION=${etcd.autoCompactionRetention}

# Data integrity: check the data at start<#if etcd.atLeast("3.5.5")>, and compare hashes between members after each compaction</#if>
ETCD_EXPERIMENTAL_INITIAL_CORRUPT_CHECK=true
<#if etcd.atLeast("3.5.5")>
ETCD_EXPERIMENTAL_COMPACT_HASH_CHECK_ENABLED=true
</#if>

# Logs go to stderr, which the journal keeps for ${layout.UNIT_NAME}
ETCD_LOGGER=zap
ETCD_LOG_OUTPUTS=stderr
ETCD_LOG_LEVEL=${etcd.logLevel}
