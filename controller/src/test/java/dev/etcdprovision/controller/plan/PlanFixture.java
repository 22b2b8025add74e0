package dev.etcdprovision.controller.plan;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.HostId;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.Account;
import dev.etcdprovision.agent.facts.GroupEntry;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.ListeningSocket;
import dev.etcdprovision.agent.facts.OsRelease;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.facts.UnitState;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseBinary;
import dev.etcdprovision.agent.steps.ReleaseInstaller;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.cluster.MemberStatus;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.desired.NodeTargets;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.NodeObservation;
import dev.etcdprovision.controller.observe.Observation;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.render.EtcdUrls;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.render.Renderer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Made-up observations of a 3-node inventory (k8s1-etcd1..3 on 10.0.0.1-3 is never reached: the
 * planner is pure), with a real PKI folder so the files have their real content.
 */
final class PlanFixture {
    static final String RELEASE_SHA = "ab".repeat(32);

    final Path folder;
    Inventory inventory;
    final PkiReport pki;
    final NodeTargets targets;

    PlanFixture(Path folder) throws Exception {
        this(folder, "");
    }

    PlanFixture(Path folder, String etcdSettings) throws Exception {
        this.folder = folder;
        this.inventory = load(folder, "3.5.16", etcdSettings);
        new PkiGenerator().generate(inventory, Instant.now());
        // what a second apply's preflight finds: every certificate in place
        this.pki = new PkiGenerator().assess(inventory, Instant.now());
        this.targets = new NodeTargets(inventory, new Renderer(), java.util.Set.of());
    }

    static Inventory load(Path folder, String version, String etcdSettings) throws IOException {
        Files.writeString(folder.resolve("id_ed25519"), "key\n");
        Path file = Files.writeString(folder.resolve("inventory.yaml"), """
                cluster:
                  name: k8s1
                  etcdVersion: %s
                ssh:
                  identityFile: id_ed25519
                %s
                nodes:
                  - name: k8s1-etcd1
                    address: 192.0.2.1
                  - name: k8s1-etcd2
                    address: 192.0.2.2
                  - name: k8s1-etcd3
                    address: 192.0.2.3
                """.formatted(version, etcdSettings.isBlank() ? "" : "etcd:\n  " + etcdSettings));
        try {
            return new InventoryLoader().load(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    NodeSpec node(int index) {
        return inventory.nodes().get(index - 1);
    }

    /** A bare host: nothing of etcd on it. */
    HostFacts bare(int index) {
        return facts(index, Map.of(), false, HostFacts.DataDirState.MISSING, false, List.of());
    }

    /** A host as apply leaves it: every file as {@code desired}, etcd running with it, data present. */
    HostFacts converged(int index, DesiredNode desired) {
        Map<String, PathState> paths = new HashMap<>();
        for (RemoteFile file : desired.files()) {
            paths.put(file.path(), state(file));
        }
        paths.put(NodeLayout.RUNNING_CONFIG, state(desired.runningConfigRecord().orElseThrow()));
        return facts(index, paths, true, HostFacts.DataDirState.NON_EMPTY, true, List.of());
    }

    HostFacts facts(int index, Map<String, PathState> known, boolean installed, HostFacts.DataDirState data,
                    boolean active, List<ListeningSocket> listening) {
        Map<String, PathState> paths = new LinkedHashMap<>();
        for (String path : dev.etcdprovision.controller.apply.Planning.paths(targets)) {
            paths.put(path, PathState.missing(path));
        }
        paths.put(NodeLayout.RUNNING_CONFIG, PathState.missing(NodeLayout.RUNNING_CONFIG));
        for (String binary : List.of("etcd", "etcdctl", "etcdutl")) {
            String path = NodeLayout.binDir("3.5.16") + "/" + binary;
            paths.put(path, installed ? PathState.file(path, RELEASE_SHA, ReleaseInstaller.BINARY)
                    : PathState.missing(path));
        }
        paths.putAll(known);
        NodeSpec node = node(index);
        UnitState unit = new UnitState(NodeLayout.UNIT_NAME, installed ? "loaded" : "not-found",
                active ? "active" : "inactive", active ? "running" : "dead", installed ? "enabled" : "", active ? 100 + index : 0);
        return new HostFacts(new HostId(node.name(), node.address()), node.name(),
                new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"), "x86_64", true, OptionalInt.of(252),
                Optional.of(new Account("etcd", 999, 999, "/var/lib/etcd", "/usr/sbin/nologin")),
                Optional.of(new GroupEntry("etcd", 999)), paths, Optional.empty(), Optional.of(data),
                Optional.of(unit), listening, Duration.ZERO);
    }

    static PathState state(RemoteFile file) {
        return PathState.file(file.path(), file.sha256(), new Ownership(file.owner(), file.group(), file.mode()));
    }

    static ListeningSocket socket(String address, int port, String process) {
        return new ListeningSocket(address, port, Optional.of(process), OptionalLong.of(4242));
    }

    NodeObservation observed(int index, HostFacts facts) {
        return NodeObservation.of(node(index), facts);
    }

    NodeObservation unreachable(int index) {
        NodeSpec node = node(index);
        return NodeObservation.unreachable(node, HostException.of(new HostId(node.name(), node.address()),
                "connect", "connection refused", "check that sshd runs", null));
    }

    /** A member of the cluster for node {@code index}, started (named) or not. */
    ClusterMember member(int index, boolean started, boolean learner) {
        NodeSpec node = node(index);
        return new ClusterMember(1000 + index, started ? node.name() : "",
                List.of(URI.create(EtcdUrls.peer(node, inventory.cluster()))),
                started ? List.of(URI.create(EtcdUrls.client(node, inventory.cluster()))) : List.of(), learner);
    }

    /** A healthy cluster of these members, the first one leading, all running {@code version}. */
    static ClusterObservation healthy(List<ClusterMember> members, String version) {
        Map<Long, MemberStatus> statuses = new HashMap<>();
        Map<Long, EndpointHealth> health = new HashMap<>();
        long leader = members.get(0).id();
        for (ClusterMember member : members) {
            if (member.clientUrls().isEmpty()) {
                continue;
            }
            URI endpoint = member.clientUrls().get(0);
            statuses.put(member.id(), new MemberStatus(endpoint, member.id(), version, leader, 2, 10, 10, 20480,
                    16384, member.learner(), List.of()));
            health.put(member.id(), EndpointHealth.healthy(endpoint, Duration.ofMillis(2)));
        }
        return new ClusterObservation(members, statuses, health, Optional.empty());
    }

    Plan plan(List<NodeObservation> nodes, ClusterObservation cluster) {
        return plan(nodes, cluster, Map.of(), false);
    }

    Plan plan(List<NodeObservation> nodes, ClusterObservation cluster, Map<String, Map<String, String>> texts,
              boolean allowRemove) {
        return Planner.plan(new PlanInput(targets, new Observation(nodes, cluster), pki, releases(), texts,
                allowRemove));
    }

    /** The 3.5.16 release for amd64, its binaries with {@link #RELEASE_SHA}. */
    static Map<String, Release> releases() {
        return Map.of("amd64", new Release("3.5.16", "amd64", "cd".repeat(32), new ArrayList<>(List.of(
                new ReleaseBinary("etcd", Path.of("etcd"), RELEASE_SHA, 1),
                new ReleaseBinary("etcdctl", Path.of("etcdctl"), RELEASE_SHA, 1),
                new ReleaseBinary("etcdutl", Path.of("etcdutl"), RELEASE_SHA, 1)))));
    }
}
