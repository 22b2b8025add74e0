package dev.etcdprovision.controller.inventory;

/** The {@code cluster} section: what runs on every node. */
public record ClusterSpec(
        @Required String name,
        @Required String etcdVersion,
        ReleaseSpec release,
        Integer clientPort,
        Integer peerPort,
        String dataDir) {

    public static final int DEFAULT_CLIENT_PORT = 2379;
    public static final int DEFAULT_PEER_PORT = 2380;
    public static final String DEFAULT_DATA_DIR = "/var/lib/etcd";

    public ClusterSpec {
        release = release != null ? release : new ReleaseSpec(null, null);
        clientPort = clientPort != null ? clientPort : DEFAULT_CLIENT_PORT;
        peerPort = peerPort != null ? peerPort : DEFAULT_PEER_PORT;
        dataDir = dataDir != null ? dataDir : DEFAULT_DATA_DIR;
    }
}
