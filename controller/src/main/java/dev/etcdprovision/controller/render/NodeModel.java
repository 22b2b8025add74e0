package dev.etcdprovision.controller.render;

import dev.etcdprovision.controller.inventory.EtcdSettings;
import dev.etcdprovision.controller.inventory.EtcdVersion;
import dev.etcdprovision.controller.inventory.Hostnames;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the templates of one node see: {@code node}, {@code cluster}, {@code etcd} and
 * {@code initial} (plus {@code layout}, see {@link NodeLayout}). Every value is ready to print;
 * the templates only place them.
 */
public record NodeModel(Member node, Cluster cluster, Etcd etcd, ClusterView initial) {

    /**
     * The node as a member: where it listens and how it is reached. Listeners are on the node's
     * own address; {@code https://127.0.0.1} only when the inventory asks for it.
     */
    public record Member(String name, String address, String clientUrl, String peerUrl,
            List<String> listenClientUrls, List<String> listenMetricsUrls) {}

    public record Cluster(String name, String dataDir) {}

    /** The etcd release and tunables, in etcd's units (milliseconds, bytes). */
    public record Etcd(String version, long heartbeatIntervalMillis, long electionTimeoutMillis,
            long quotaBackendBytes, long maxRequestBytes, int snapshotCount, String autoCompactionMode,
            String autoCompactionRetention, String logLevel) {

        /** For settings that only some releases know: {@code <#if etcd.atLeast("3.5.5")>}. */
        public boolean atLeast(String version) {
            return EtcdVersion.parse(this.version).atLeast(version);
        }

        /** {@code 3.5}, e.g. for links to the matching documentation. */
        public String series() {
            return EtcdVersion.parse(version).series();
        }
    }

    public static NodeModel of(Inventory inventory, NodeSpec node, ClusterView initial) {
        var clusterSpec = inventory.cluster();
        String clientUrl = EtcdUrls.client(node, clusterSpec);
        EtcdSettings settings = inventory.etcd();
        List<String> listenClientUrls = new ArrayList<>(List.of(clientUrl));
        if (settings.localhostClientListener()) {
            listenClientUrls.add(EtcdUrls.https("127.0.0.1", clusterSpec.clientPort()));
        }
        List<String> listenMetricsUrls = settings.metricsUrlTemplate()
                .map(url -> url.replace(EtcdSettings.ADDRESS_PLACEHOLDER, Hostnames.urlHost(node.address())))
                .stream().toList();
        Member member = new Member(node.name(), node.address(), clientUrl, EtcdUrls.peer(node, clusterSpec),
                listenClientUrls, listenMetricsUrls);
        Etcd etcd = new Etcd(clusterSpec.etcdVersion(), settings.heartbeatInterval().toMillis(),
                settings.electionTimeout().toMillis(), settings.backendQuota().bytes(),
                settings.maxRequestSize().bytes(), settings.snapshotCount(),
                settings.autoCompaction().mode().toString(), settings.autoCompaction().retention(),
                settings.logLevel().toString());
        return new NodeModel(member, new Cluster(clusterSpec.name(), clusterSpec.dataDir()), etcd, initial);
    }
}
