package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.steps.DataDirs;
import dev.etcdprovision.agent.steps.Journal;
import dev.etcdprovision.agent.steps.RemoteFiles;
import dev.etcdprovision.agent.steps.SnapshotRestore;
import dev.etcdprovision.agent.steps.StepResult;
import dev.etcdprovision.agent.steps.Systemd;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.SnapshotFile;
import dev.etcdprovision.controller.inventory.ByteSize;
import dev.etcdprovision.controller.inventory.EtcdVersion;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.operate.SnapshotSave;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.Observation;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.plan.PlanInput;
import dev.etcdprovision.controller.plan.Planner;
import dev.etcdprovision.controller.render.EtcdUrls;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.OnEach;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;


import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code snapshot restore}: the recovery when the cluster has lost its quorum for good. Every
 * node becomes a member of a NEW cluster (a new initial cluster token, new member ids) that starts
 * from the snapshot's data: etcd stopped everywhere, every data dir moved aside (never deleted),
 * each node made what apply makes it (hosts may be blank), the snapshot sent to each node and
 * restored there with the release's own tool, then all started together, like a new cluster.
 *
 * <p>A restore that broke off is finished by running it again: a node whose data dir holds this
 * very restore and whose etcd never started on it keeps it (see {@link NodeLayout#restoreMarker});
 * every other node is restored again, into the same new cluster. Nodes where etcd did start are
 * restored again too, so that every member starts from the snapshot's state and nothing else.
 */
public final class Restore {
    static final String STOP = "stop";
    static final String NAME = "restore";
    private static final Ownership PRIVATE = new Ownership("root", "root", 0600);
    /** What etcd (3.4 and 3.5, zap logger) logs once it serves its peers. */
    private static final String SERVING_PEERS = "serving peer traffic";
    /** Longer than etcd's corruption check takes for one peer that does not answer. */
    private static final Duration PEERS_DEADLINE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ClusterAccess access;
    private final ApplyOptions options;
    private final Progress progress;
    private final Inventory inventory;

    /** The new cluster: its token, the snapshot's revision and the cluster's now, and its members. */
    public record Restored(String token, long snapshotRevision, long revision, List<Member> members) {}

    public record Member(String name, String memberId) {}

    /**
     * What a restore left beside a node's data dir, until etcd first starts there: which snapshot it
     * restored, into which new cluster.
     */
    record Marker(String snapshotSha256, String token, String initialCluster) {
        String text() {
            return "snapshot " + snapshotSha256 + "\ntoken " + token + "\ninitial-cluster " + initialCluster + "\n";
        }

        static Optional<Marker> parse(String text) {
            Map<String, String> fields = text.lines().filter(line -> line.indexOf(' ') > 0)
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(' ')),
                            line -> line.substring(line.indexOf(' ') + 1), (a, b) -> b));
            if (!fields.keySet().containsAll(Set.of("snapshot", "token", "initial-cluster"))) {
                return Optional.empty();
            }
            return Optional.of(new Marker(fields.get("snapshot"), fields.get("token"), fields.get("initial-cluster")));
        }

        /** Whether it records the same restore: this snapshot, into a cluster of these members. */
        boolean sameRestore(SnapshotFile snapshot, String members) {
            return snapshotSha256.equals(snapshot.sha256()) && initialCluster.equals(members);
        }
    }

    public Restore(ClusterAccess access, ApplyOptions options, Progress progress) {
        this.access = access;
        this.options = options;
        this.progress = progress;
        this.inventory = access.inventory();
    }

    /**
     * Restores the cluster from {@code snapshot} (see {@link #check}). Refuses, before any change,
     * while the cluster still has a healthy quorum (it needs no restore), unless {@code force}.
     */
    public Restored run(SnapshotFile snapshot, boolean force) {
        progress.info(Apply.PREFLIGHT, "controller", "snapshot " + snapshot.file() + ": "
                + new ByteSize(snapshot.size()).approximate() + ", sha256 " + snapshot.sha256());
        Observation before = preflight(force);
        PkiReport pki = PkiPhase.run(inventory, progress);
        if (pki.changed()) {
            access.reconnectCluster();
        }
        String members = inventory.nodes().stream().map(node -> EtcdUrls.member(node, inventory.cluster()))
                .collect(Collectors.joining(","));
        Set<String> kept = ConcurrentHashMap.newKeySet();
        String token = stop(snapshot, members, before, kept);
        // the hosts as they are now: etcd stopped, data dirs moved aside
        Planning.Result ready = Planning.run(access, options, PkiPhase.assess(inventory));
        requireNoRefusals(nodeRefusals(ready, ready.plan().pki()));
        ApplyContext context = context(ready);
        install(context, snapshot);
        long snapshotRevision = Failures.inPhase(NAME, () -> new SnapshotRestore(
                access.requireHost(inventory.nodes().get(0).name())).revision(tool(), uploaded()));
        restore(snapshot, members, token, kept);
        start(context);
        return Failures.inPhase(VerifyPhase.NAME, () -> verify(context, token, snapshotRevision));
    }

    /**
     * The snapshot file, read once: a bbolt database that ends with its checksum, as etcd checks it.
     * Checked before anything else, even before the hosts are reached: a wrong file stops here.
     */
    public static SnapshotFile check(Path file) {
        try {
            return SnapshotFile.check(file);
        } catch (SnapshotFile.Invalid e) {
            throw new PhaseFailure(Apply.PREFLIGHT, PhaseFailure.Kind.INVALID_INPUT, List.of(new PhaseFailure
                    .TargetFailure("controller", e.getMessage(), "give a file that `etcd-provision snapshot save`"
                            + " or `etcdctl snapshot save` wrote")), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot " + file, e);
        }
    }

    /**
     * Every node must be reachable and fit for etcd (as apply checks it), and the cluster must have
     * lost its quorum, unless forced; nothing has changed anywhere when this refuses. Returns what
     * was observed.
     */
    private Observation preflight(boolean force) {
        PkiReport assessed = PkiPhase.assess(inventory);
        Planning.Result observed = Planning.run(access, options, assessed);
        requireNoRefusals(nodeRefusals(observed, assessed));
        observed.plan().warnings().forEach(warning -> progress.warning(Apply.PREFLIGHT, warning.target(),
                warning.message()));
        ClusterObservation cluster = observed.observation().cluster();
        for (ClusterMember member : cluster.members()) {
            boolean inInventory = inventory.nodes().stream().anyMatch(node -> node.name().equals(member.name())
                    || member.peerUrls().contains(URI.create(EtcdUrls.peer(node, inventory.cluster()))));
            if (!inInventory) {
                progress.warning(Apply.PREFLIGHT, member.neverStarted() ? member.idHex() : member.name(),
                        "is a member of the old cluster but not in the inventory: the restore leaves its host as it"
                                + " is; stop etcd there by hand (" + member.peerUrls() + ")");
            }
        }
        if (!cluster.hasQuorum()) {
            progress.info(Apply.PREFLIGHT, "cluster", "no quorum (" + cluster.problem().orElse(healthy(cluster))
                    + "): every member is made anew from the snapshot");
            return observed.observation();
        }
        String state = "the cluster still has a healthy quorum (" + healthy(cluster) + ")";
        if (!force) {
            throw new PhaseFailure(Apply.PREFLIGHT, PhaseFailure.Kind.PREFLIGHT, List.of(new PhaseFailure.TargetFailure(
                    "cluster", state + ": a restore would replace all of its data with the snapshot's",
                    "a restore is for a cluster that lost its quorum for good; to go back to the snapshot anyway,"
                            + " run again with --force (the data dirs are moved aside, not deleted)")), null);
        }
        progress.warning(Apply.PREFLIGHT, "cluster", state + "; --force: its data is replaced by the snapshot's");
        return observed.observation();
    }

    private static String healthy(ClusterObservation cluster) {
        long healthy = cluster.voters().stream().filter(member -> cluster.healthy(member.id())).count();
        return healthy + " of " + cluster.voters().size() + " voting members healthy";
    }

    /**
     * What apply would refuse about the nodes themselves (a host down, no systemd, a port taken), as
     * the planner sees them with the old cluster left out: the restore replaces it.
     */
    private static List<PhaseFailure.TargetFailure> nodeRefusals(Planning.Result observed, PkiReport pki) {
        Observation nodesOnly = new Observation(observed.observation().nodes(),
                ClusterObservation.silent("replaced by the snapshot"));
        Plan plan = Planner.plan(new PlanInput(observed.targets(), nodesOnly, pki, observed.releases(),
                observed.currentTexts(), false));
        return plan.refusals().stream().filter(refusal -> !refusal.target().equals("cluster"))
                .map(refusal -> new PhaseFailure.TargetFailure(refusal.target(), refusal.problem(), refusal.hint()))
                .toList();
    }

    private static void requireNoRefusals(List<PhaseFailure.TargetFailure> refusals) {
        if (!refusals.isEmpty()) {
            throw new PhaseFailure(Apply.PREFLIGHT, PhaseFailure.Kind.PREFLIGHT, refusals, null);
        }
    }

    /**
     * Stops etcd on every node and moves its data dir aside, except where the data dir holds this
     * very restore, never started (a run before broke off): that node keeps it. Returns the new
     * cluster's token: that restore's, or a new one.
     *
     * @param before the nodes as observed before: whether their data dirs hold anything
     */
    private String stop(SnapshotFile snapshot, String members, Observation before, Set<String> kept) {
        String dataDir = inventory.cluster().dataDir();
        List<Optional<Marker>> markers = OnEach.compute(STOP, inventory.nodes(), NodeSpec::name, Failures::describe,
                node -> new RemoteFiles(host(node)).read(NodeLayout.restoreMarker(dataDir)).flatMap(Marker::parse));
        String token = markers.stream().flatMap(Optional::stream)
                .filter(marker -> marker.sameRestore(snapshot, members)).map(Marker::token).findFirst()
                .orElseGet(() -> inventory.cluster().name() + "-restored-" + SnapshotSave.STAMP.format(Instant.now()));
        Predicate<NodeSpec> keeps = node -> before.node(node.name()).hasData()
                && markers.get(inventory.nodes().indexOf(node))
                .filter(marker -> marker.sameRestore(snapshot, members) && marker.token().equals(token)).isPresent();
        OnEach.run(STOP, inventory.nodes(), NodeSpec::name, Failures::describe, node -> {
            Instant start = Instant.now();
            StepResult stopped = new Systemd(host(node)).stop(NodeLayout.UNIT_NAME);
            String etcd = stopped.changed() ? "etcd stopped" : "etcd was not running";
            if (keeps.test(node)) {
                kept.add(node.name());
                progress.report(STOP, node.name(), Outcome.UNCHANGED, etcd + "; keeps the data this restore put there"
                        + " in a run that broke off", Duration.between(start, Instant.now()));
                return;
            }
            StepResult moved = new DataDirs(host(node)).moveAside(dataDir);
            progress.report(STOP, node.name(), stopped.changed() || moved.changed() ? Outcome.CHANGED
                    : Outcome.UNCHANGED, etcd + "; " + (moved.changed() ? moved.detail() : "no data to move aside"),
                    Duration.between(start, Instant.now()));
        });
        return token;
    }

    /** The restore's view of apply: every node becomes a member of the converged cluster. */
    private ApplyContext context(Planning.Result ready) {
        // install is asked for everywhere: binaries in place are found so and not sent again
        List<NodePlan> nodes = inventory.nodes().stream().map(node -> new NodePlan(node.name(), NodePlan.Role.MEMBER,
                true, List.of(), NodePlan.Service.START, "restored from a snapshot", false, false)).toList();
        Plan plan = new Plan(Plan.Mode.FORM, nodes, List.of(), Optional.empty(), ready.plan().pki(), List.of(),
                List.of());
        return new ApplyContext(access, options, ready.targets(), ready.observation(), ready.releases(), plan,
                progress, new Background());
    }

    /** What apply installs and writes, on every node at once, with the snapshot sent beside the binaries. */
    private void install(ApplyContext context, SnapshotFile snapshot) {
        OnEach.run(InstallPhase.NAME, context.plan().nodes(), NodePlan::name, Failures::describe, node -> {
            Configure configure = new Configure(context, node);
            InstallPhase.install(context, node, () -> {
                configure.filesButTheUnit();
                upload(node.name(), snapshot);
            });
            configure.unitAndReport();
            InstallPhase.installToolsInBackground(context, node);
        });
        // the tools read and restore the snapshot
        Failures.inPhase(InstallPhase.NAME, () -> context.background().awaitAll());
    }

    private void upload(String node, SnapshotFile snapshot) {
        Instant start = Instant.now();
        StepResult sent = new RemoteFiles(access.requireHost(node)).upload(snapshot.file(), snapshot.sha256(),
                uploaded(), PRIVATE);
        progress.report(NAME, node, sent.changed() ? Outcome.CHANGED : Outcome.UNCHANGED, (sent.changed()
                ? "sent the snapshot" : "the snapshot is there already") + " (" + uploaded() + ", sha256 verified)",
                Duration.between(start, Instant.now()));
    }

    /** Restores the snapshot on every node that does not hold it yet, each as a member of the new cluster. */
    private void restore(SnapshotFile snapshot, String members, String token, Set<String> kept) {
        String dataDir = inventory.cluster().dataDir();
        OnEach.run(NAME, inventory.nodes(), NodeSpec::name, Failures::describe, node -> {
            Instant start = Instant.now();
            if (kept.contains(node.name())) {
                progress.report(NAME, node.name(), Outcome.UNCHANGED, "restored by the run before",
                        Duration.between(start, Instant.now()));
                return;
            }
            Host host = host(node);
            SnapshotRestore.Member member = new SnapshotRestore.Member(node.name(),
                    EtcdUrls.peer(node, inventory.cluster()), members, token);
            new SnapshotRestore(host).restore(tool(), uploaded(), snapshot.sha256(), snapshot.size(), dataDir, member,
                    NodeLayout.ETCD_USER, NodeLayout.ETCD_GROUP);
            new RemoteFiles(host).write(RemoteFile.text(NodeLayout.restoreMarker(dataDir),
                    new Marker(snapshot.sha256(), token, members).text(), PRIVATE.mode(), PRIVATE.owner(),
                    PRIVATE.group()));
            progress.report(NAME, node.name(), Outcome.CHANGED, "restored into " + dataDir + " as a member of "
                    + token, Duration.between(start, Instant.now()));
        });
    }

    /**
     * Starts the members one after the other, each once the one before serves its peers, then waits
     * until each is healthy; each records the settings it started with, as apply does. Not all at
     * once, as a new cluster forms: a member that starts on existing data first compares it with its
     * peers' (etcd's initial corruption check) and serves nothing meanwhile, waiting up to 7 s for
     * each peer that runs but does not serve yet. Started together, the members would wait for one
     * another that long; one after the other, each finds its peers serving or not running at all.
     */
    private void start(ApplyContext context) {
        String marker = NodeLayout.restoreMarker(inventory.cluster().dataDir());
        Instant start = Instant.now();
        for (NodeSpec node : inventory.nodes()) {
            Failures.inPhase(StartPhase.NAME, () -> {
                Journal journal = new Journal(host(node));
                Optional<String> cursor = journal.last(NodeLayout.UNIT_NAME, 0).cursor();
                // from here on etcd may have run on this data: a run after this one restores it again
                new RemoteFiles(host(node)).remove(marker);
                new Systemd(host(node)).startNoBlock(NodeLayout.UNIT_NAME);
                awaitServingPeers(journal, cursor);
            });
        }
        OnEach.run(StartPhase.NAME, inventory.nodes(), NodeSpec::name, Failures::describe, node -> {
            NodeActions actions = context.actions(node.name());
            actions.awaitHealthy(StartPhase.NAME, StartPhase.FORMING_DEADLINE);
            actions.recordRunningConfig(context.targets().converged(node));
            progress.report(StartPhase.NAME, node.name(), Outcome.CHANGED, "started; the restored cluster is healthy",
                    Duration.between(start, Instant.now()));
        });
    }

    /**
     * Waits until etcd's journal says it serves its peers (it logs that once past the corruption
     * check), for {@link #PEERS_DEADLINE} at most: without that line the members only take a few
     * seconds longer; a member that fails shows when the cluster's health is awaited.
     */
    private static void awaitServingPeers(Journal journal, Optional<String> cursor) {
        Instant giveUp = Instant.now().plus(PEERS_DEADLINE);
        Optional<String> position = cursor;
        while (Instant.now().isBefore(giveUp)) {
            Journal.Page page = journal.after(NodeLayout.UNIT_NAME, position);
            if (page.lines().stream().anyMatch(line -> line.contains(SERVING_PEERS))) {
                return;
            }
            position = page.cursor();
            NodeActions.sleep(POLL);
        }
    }

    /**
     * The snapshot's data is there (the store is at least at its revision), every node is a healthy
     * voting member and a write through one member reads back through another; then the copies of
     * the snapshot on the nodes are deleted.
     */
    private Restored verify(ApplyContext context, String token, long snapshotRevision) {
        long revision = access.cluster().revision();
        if (revision < snapshotRevision) {
            throw PhaseFailure.on(VerifyPhase.NAME, "cluster", "the restored cluster is at revision " + revision
                    + ", below the snapshot's " + snapshotRevision, "check the members' journals"
                    + " (etcd-provision logs NODE), then run the restore again");
        }
        new VerifyPhase().run(context);
        OnEach.run(VerifyPhase.NAME, inventory.nodes(), NodeSpec::name, Failures::describe,
                node -> new RemoteFiles(host(node)).remove(uploaded()));
        List<ClusterMember> members = access.cluster().members();
        List<Member> restored = inventory.nodes().stream().map(node -> members.stream()
                .filter(member -> member.name().equals(node.name())).findFirst()
                .map(member -> new Member(node.name(), member.idHex())).orElseThrow()).toList();
        return new Restored(token, snapshotRevision, revision, restored);
    }

    /** etcdutl reads and restores snapshots from etcd 3.5 on; etcdctl did before. */
    private String tool() {
        String version = inventory.cluster().etcdVersion();
        return EtcdVersion.parse(version).atLeast("3.5.0") ? NodeLayout.etcdutl(version) : NodeLayout.etcdctl(version);
    }

    private String uploaded() {
        return NodeLayout.restoreSnapshot(inventory.cluster().dataDir());
    }

    private Host host(NodeSpec node) {
        return access.requireHost(node.name());
    }
}
