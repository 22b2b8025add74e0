package dev.etcdprovision.controller.observe;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.FactsQuery;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.cluster.MemberStatus;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.inventory.EtcdVersion;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.render.NodeLayout;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the hosts and the cluster, changing nothing: every node's facts in one round trip each,
 * all nodes at once, while the cluster is asked for its members and each member for its status
 * and health.
 */
public final class Observer {
    private final ClusterAccess access;

    public Observer(ClusterAccess access) {
        this.access = access;
    }

    /**
     * Starts asking the cluster (members, then each member's status and health) and returns at
     * once: the first call builds TLS and gRPC machinery, which can overlap the SSH handshakes.
     */
    public CompletableFuture<ClusterObservation> observeCluster() {
        return CompletableFuture.supplyAsync(this::askCluster, Threads.daemonPool("observe-cluster"));
    }

    /**
     * Every node's facts, all at once, and the cluster's answer.
     *
     * @param paths the files whose state matters (what the nodes get from the controller)
     * @param cluster the cluster's answer, as started by {@link #observeCluster()}
     */
    public Observation observe(List<String> paths, CompletableFuture<ClusterObservation> cluster) {
        Inventory inventory = access.inventory();
        List<CompletableFuture<NodeObservation>> nodes = inventory.nodes().stream()
                .map(node -> CompletableFuture.supplyAsync(() -> observeNode(node, paths),
                        Threads.daemonPool("observe-" + node.name())))
                .toList();
        List<NodeObservation> observed = nodes.stream().map(CompletableFuture::join).toList();
        return new Observation(observed, cluster.join());
    }

    /** Every node's facts and the cluster's answer, asked at the same time. */
    public Observation observe(List<String> paths) {
        return observe(paths, observeCluster());
    }

    /** The facts every workflow needs of a node, for the given paths. */
    public static FactsQuery query(Inventory inventory, List<String> paths) {
        List<String> all = new ArrayList<>(paths);
        all.add(NodeLayout.RUNNING_CONFIG);
        all.addAll(binaries(inventory.cluster().etcdVersion()));
        return FactsQuery.basics()
                .withPaths(all)
                .withDataDir(inventory.cluster().dataDir())
                .withUnit(NodeLayout.UNIT_NAME)
                .withAccount(NodeLayout.ETCD_USER);
    }

    /** The binaries of a version as installed on a node (etcdutl from 3.5 on). */
    public static List<String> binaries(String version) {
        List<String> binaries = new ArrayList<>(List.of(NodeLayout.etcd(version), NodeLayout.etcdctl(version)));
        if (EtcdVersion.parse(version).atLeast("3.5.0")) {
            binaries.add(NodeLayout.etcdutl(version));
        }
        return binaries;
    }

    private NodeObservation observeNode(NodeSpec node, List<String> paths) {
        Optional<HostException> problem = access.problem(node.name());
        if (problem.isPresent()) {
            return NodeObservation.unreachable(node, problem.get());
        }
        try {
            Host host = access.requireHost(node.name());
            return NodeObservation.of(node, Facts.gather(host, query(access.inventory(), paths)));
        } catch (HostException e) {
            return NodeObservation.unreachable(node, e);
        }
    }

    private ClusterObservation askCluster() {
        if (!access.canTalkToEtcd()) {
            return ClusterObservation.silent("the PKI folder has no admin client certificate yet");
        }
        MembershipClient client = access.cluster();
        List<ClusterMember> members;
        try {
            members = client.members();
        } catch (MembershipException e) {
            return ClusterObservation.silent(e.getMessage());
        }
        Map<Long, MemberStatus> statuses = new ConcurrentHashMap<>();
        Map<Long, EndpointHealth> health = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> asks = new ArrayList<>();
        for (ClusterMember member : members) {
            if (member.clientUrls().isEmpty()) {
                continue; // never started: nothing to ask
            }
            URI endpoint = member.clientUrls().get(0);
            asks.add(CompletableFuture.runAsync(() -> {
                try {
                    statuses.put(member.id(), client.status(endpoint));
                } catch (MembershipException unreachable) {
                    // no status: the member is down or cut off; health says so
                }
                if (!member.learner()) {
                    health.put(member.id(), client.health(endpoint));
                }
            }, Threads.daemonPool("observe-" + member.idHex())));
        }
        asks.forEach(CompletableFuture::join);
        return new ClusterObservation(members, new HashMap<>(statuses), new HashMap<>(health), Optional.empty());
    }
}
