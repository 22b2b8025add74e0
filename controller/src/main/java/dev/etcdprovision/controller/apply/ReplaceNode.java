package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.cluster.SnapshotInfo;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.operate.SnapshotSave;
import dev.etcdprovision.controller.observe.NodeObservation;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.HostChecks;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.render.EtcdUrls;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;


import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code replace-node}: a member whose host died (and came back blank) or whose data is lost
 * leaves the cluster and its node joins anew, with empty data, as a learner that is promoted once
 * it has caught up. While the old member is removed, the host is prepared: etcd stopped, the old
 * data moved aside, binaries and files installed as apply would.
 *
 * <p>Before any change the other members must hold a quorum on their own, and a snapshot is
 * saved on this machine. Just before the removal a marker key holding the old member's id is
 * written to the cluster; every step decides from what the cluster shows (the marker, the member
 * list) and what the host shows, so a run killed anywhere is finished by the next. At the end the
 * marker, written before the replacement, is read through the new member (its data includes what
 * was there before), then deleted.
 */
public final class ReplaceNode {
    static final String PREFLIGHT = "preflight";
    static final String MARKER_PREFIX = "/etcd-provision/replacing/";

    private final ClusterAccess access;
    private final ApplyOptions options;
    private final Progress progress;
    private final String name;

    public ReplaceNode(ClusterAccess access, ApplyOptions options, Progress progress, String name) {
        this.access = access;
        this.options = options;
        this.progress = progress;
        this.name = name;
    }

    /** What was done. */
    public record Result(String node, String oldMemberId, String newMemberId, Path snapshot) {}

    /** Where the run stands, decided from what the cluster shows. */
    private record Situation(Optional<ClusterMember> old, Optional<ClusterMember> replacement, String marker) {}

    public Result run() {
        Inventory inventory = access.inventory();
        NodeSpec node = inventory.findNode(name).orElseThrow(() -> refusal(name, "is not in the inventory ("
                + String.join(", ", inventory.nodeNames()) + ")", "give the name of a node of the inventory"));
        Planning.Result observed = Failures.inPhase(PREFLIGHT, () -> Planning.run(access, options, PkiPhase.assess(inventory)));
        requireFitHost(observed);
        Situation situation = Failures.inPhase(PREFLIGHT, () -> situation(access.cluster(), node));
        Failures.inPhase(PREFLIGHT, () -> requireQuorumWithout(access.cluster(), situation));

        PkiReport pki = PkiPhase.run(inventory, progress);
        if (pki.changed()) {
            access.reconnectCluster();
        }
        Planning.Result ready = Planning.replan(observed, options, pki);
        ApplyContext context = new ApplyContext(access, options, ready.targets(), ready.observation(),
                ready.releases(), ready.plan(), progress, new Background());

        SnapshotInfo snapshot = Failures.inPhase("snapshot", this::snapshot);
        String marker = Failures.inPhase("remove", () -> {
            if (situation.marker().isEmpty()) {
                access.cluster().put(MARKER_PREFIX + name, situation.old().orElseThrow().idHex());
                return situation.old().orElseThrow().idHex();
            }
            return situation.marker();
        });

        NodePlan joining = new NodePlan(name, NodePlan.Role.JOINING, true, List.of(), NodePlan.Service.START,
                "replaces member " + marker, false, false);
        // binaries and files go up while the old member leaves: harmless to an etcd still running there
        CompletableFuture<Void> installed = Background.start("install-" + name,
                () -> InstallPhase.install(context, joining, () -> MembersPhase.prepareToJoin(context, joining)));
        situation.old().ifPresent(old -> Failures.inPhase("remove", () -> remove(access.cluster(), old)));
        Failures.inPhase(InstallPhase.NAME, () -> Background.await(installed));
        // a replacement that started already has its own data; anything else starts empty
        if (situation.replacement().filter(member -> !member.neverStarted()).isEmpty()) {
            Failures.inPhase(MembersPhase.NAME, () -> MembersPhase.prepareEmptyDataDir(context, access.requireHost(name),
                    joining));
        }
        Failures.inPhase(MembersPhase.NAME, () -> MembersPhase.join(context, joining,
                () -> InstallPhase.installToolsInBackground(context, joining)));
        Failures.inPhase(InstallPhase.NAME, () -> context.background().awaitAll());
        DesiredNode converged = context.targets().converged(node);
        Failures.inPhase(MembersPhase.NAME, () -> context.actions(name).writeFiles(converged, false));

        ClusterMember replacement = Failures.inPhase(VerifyPhase.NAME, () -> verify(context, node, marker));
        Failures.inPhase(VerifyPhase.NAME, () -> access.cluster().delete(MARKER_PREFIX + name));
        return new Result(name, marker, replacement.idHex(), snapshot.file());
    }

    private static MembershipClient client(ApplyContext context) {
        return context.access().cluster();
    }

    /** The replacement host must be reachable and fit to run etcd; the others are reached through etcd's API. */
    private void requireFitHost(Planning.Result observed) {
        NodeObservation host = observed.observation().node(name);
        HostChecks.Findings findings = HostChecks.check(host, access.inventory(), observed.releases());
        host.facts().ifPresent(facts -> progress.info(PREFLIGHT, name, facts.os().prettyName() + ", " + facts.machine()
                + (host.hasData() ? ", etcd data present" : ", no etcd data")));
        findings.warnings().forEach(warning -> progress.warning(PREFLIGHT, warning.target(), warning.message()));
        if (!findings.refusals().isEmpty()) {
            throw new PhaseFailure(PREFLIGHT, PhaseFailure.Kind.PREFLIGHT, findings.refusals().stream()
                    .map(refusal -> new PhaseFailure.TargetFailure(refusal.target(), refusal.problem(), refusal.hint()))
                    .toList(), null);
        }
    }

    /**
     * The old member (by name, or by peer URL when it never started), a replacement added by an
     * earlier run (a member at the node's peer URL that is not the old one), and the marker.
     */
    private Situation situation(MembershipClient client, NodeSpec node) {
        List<ClusterMember> members;
        Optional<String> marker;
        try {
            members = client.members();
            marker = client.get(MARKER_PREFIX + name);
        } catch (MembershipException e) {
            throw refusal("cluster", "the cluster does not answer with a quorum (" + e.getMessage() + ")",
                    "if a majority of the members is lost for good, restore the cluster from a snapshot with"
                            + " `etcd-provision snapshot restore FILE`");
        }
        URI peerUrl = URI.create(EtcdUrls.peer(node, access.inventory().cluster()));
        Optional<ClusterMember> atNode = members.stream()
                .filter(member -> member.name().equals(name) || member.peerUrls().contains(peerUrl)).findFirst();
        if (marker.isEmpty()) {
            if (atNode.isEmpty()) {
                throw refusal(name, "is not a member of the cluster, so there is nothing to replace",
                        "to add a node to the cluster, run `etcd-provision apply`");
            }
            progress.info(PREFLIGHT, name, "member " + atNode.get().idHex() + " will be replaced");
            return new Situation(atNode, Optional.empty(), "");
        }
        String oldId = marker.get();
        boolean oldStillThere = atNode.filter(member -> member.idHex().equals(oldId)).isPresent();
        progress.info(PREFLIGHT, name, "an earlier replacement of member " + oldId + " did not finish; continuing: "
                + (oldStillThere ? "it is still a member" : atNode.map(member -> "the new member "
                + member.idHex() + " is " + (member.learner() ? "a learner" : "a voter")).orElse("it was removed")));
        return oldStillThere ? new Situation(atNode, Optional.empty(), oldId)
                : new Situation(Optional.empty(), atNode, oldId);
    }

    /**
     * The other members must be healthy voters enough for a quorum on their own, before the old
     * member leaves and after.
     */
    private void requireQuorumWithout(MembershipClient client, Situation situation) {
        Quorum quorum = Quorum.now(client);
        List<ClusterMember> voters = quorum.voters();
        List<ClusterMember> others = voters.stream()
                .filter(member -> situation.old().map(old -> old.id() != member.id()).orElse(true))
                .filter(member -> situation.replacement().map(added -> added.id() != member.id()).orElse(true))
                .toList();
        long healthy = others.stream().filter(quorum::healthy).count();
        int quorumNow = voters.size() / 2 + 1;
        if (others.isEmpty()) {
            throw refusal(name, "is the only member: the cluster has no other member to keep its data",
                    "restore the cluster from a snapshot with `etcd-provision snapshot restore FILE`");
        }
        if (healthy < quorumNow) {
            String down = others.stream().filter(member -> !quorum.healthy(member))
                    .map(member -> member.name().isEmpty() ? member.idHex() : member.name()).toList().toString();
            throw refusal("cluster", "the other members do not hold a quorum on their own: " + healthy + " of "
                    + voters.size() + " voting members are healthy without " + name + ", " + quorumNow + " are needed"
                    + " (down: " + down + ")", "bring those members back first; if a majority is lost for good,"
                    + " restore the cluster from a snapshot with `etcd-provision snapshot restore FILE`");
        }
        progress.info(PREFLIGHT, "cluster", healthy + " of " + voters.size() + " voting members healthy without "
                + name + "; a quorum needs " + quorumNow);
    }

    private SnapshotInfo snapshot() {
        Instant start = Instant.now();
        Path file = SnapshotSave.backupFile(options.backupDir(), access.inventory().cluster().name(),
                "before-replacing-" + name, start);
        SnapshotSave.Saved saved = SnapshotSave.save(access, file, Set.of(name));
        SnapshotInfo snapshot = saved.snapshot();
        progress.report("snapshot", "cluster", Outcome.CHANGED, "saved " + snapshot.file() + " from " + saved.member()
                + " (" + snapshot.sizeBytes() + " bytes, revision " + snapshot.revision() + ", sha256 "
                + snapshot.sha256() + ")", saved.took());
        return snapshot;
    }

    /** The old member leaves, leadership handed over first, only while the others keep a quorum. */
    private void remove(MembershipClient client, ClusterMember old) {
        Instant start = Instant.now();
        if (Quorum.now(client).removeKeepingQuorum(old, "remove", "removing member " + old.idHex())) {
            progress.info("remove", name, "handed leadership over");
        }
        progress.report("remove", name, Outcome.CHANGED, "removed member " + old.idHex(),
                Duration.between(start, Instant.now()));
    }

    /**
     * Every inventory node a healthy voting member, and the marker written before the replacement
     * read through the new member: its data holds what the cluster held before.
     */
    private ClusterMember verify(ApplyContext context, NodeSpec node, String marker) {
        Instant start = Instant.now();
        new VerifyPhase().run(context);
        MembershipClient client = client(context);
        ClusterMember replacement = Quorum.now(client).member(name).orElseThrow(() -> PhaseFailure.on(
                VerifyPhase.NAME, name, "is not a member after its replacement", "run replace-node again"));
        Optional<String> read = client.get(context.access().clientUrl(node), MARKER_PREFIX + name);
        if (!read.equals(Optional.of(marker))) {
            throw PhaseFailure.on(VerifyPhase.NAME, name, "the new member does not return the data written before"
                    + " its replacement (read " + read.orElse("nothing") + ")", "look at its journal with"
                    + " `journalctl -u etcd3` on the node");
        }
        progress.report(VerifyPhase.NAME, name, Outcome.INFO, "new member " + replacement.idHex()
                + " returns data written before the replacement", Duration.between(start, Instant.now()));
        return replacement;
    }

    private static PhaseFailure refusal(String target, String problem, String hint) {
        return new PhaseFailure(PREFLIGHT, PhaseFailure.Kind.PREFLIGHT,
                List.of(new PhaseFailure.TargetFailure(target, problem, hint)), null);
    }
}
