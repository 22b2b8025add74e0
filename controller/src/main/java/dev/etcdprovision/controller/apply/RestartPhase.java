package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.steps.Systemd;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.SnapshotInfo;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.operate.SnapshotSave;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.Phase;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;


import java.util.ArrayList;
import java.util.List;

/**
 * Restarts the members whose settings changed, one at a time, followers first: before each, the
 * others must hold a quorum; before the leader's turn it hands leadership to a member that has
 * already restarted; after each, the member must be healthy (caught up) before the next goes. An
 * upgrade is the same walk, after a snapshot is saved on this machine.
 */
final class RestartPhase implements Phase<ApplyContext> {
    static final String NAME = "restart";
    static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(60);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        List<NodePlan> restarts = context.plan().restarts();
        if (restarts.isEmpty()) {
            return;
        }
        MembershipClient client = context.access().cluster();
        context.plan().versionChange().ifPresent(change -> snapshotBeforeUpgrade(context, change));
        List<String> restarted = new ArrayList<>();
        for (NodePlan node : inRestartOrder(restarts, Quorum.now(client))) {
            Instant start = Instant.now();
            Quorum quorum = Quorum.now(client);
            ClusterMember member = quorum.member(node.name()).orElseThrow(() -> PhaseFailure.on(NAME, node.name(),
                    "is no longer a member of the cluster", "run apply again"));
            quorum.requireQuorumWithout(member, quorum.voters().size(), NAME, "restarting " + node.name());
            if (quorum.moveLeadershipAway(member, restarted)) {
                context.progress().info(NAME, node.name(), "handed leadership over before its restart");
            }
            NodeActions actions = context.actions(node.name());
            try {
                new Systemd(actions.host()).restart(NodeLayout.UNIT_NAME);
            } catch (RuntimeException e) {
                throw actions.startFailure(NAME, "etcd did not restart: " + e.getMessage());
            }
            actions.awaitHealthy(NAME, HEALTHY_DEADLINE);
            DesiredNode desired = context.targets().converged(context.node(node.name()));
            actions.recordRunningConfig(desired);
            restarted.add(node.name());
            context.progress().report(NAME, node.name(), Outcome.CHANGED, "restarted for " + node.serviceReason()
                    + "; healthy", Duration.between(start, Instant.now()));
        }
    }

    /** Followers first, the member that leads now last (the plan's leader may have changed since). */
    private static List<NodePlan> inRestartOrder(List<NodePlan> restarts, Quorum quorum) {
        long leader = quorum.leaderId().orElse(0L);
        List<NodePlan> ordered = new ArrayList<>(restarts);
        ordered.sort((a, b) -> Boolean.compare(leads(quorum, a, leader), leads(quorum, b, leader)));
        return ordered;
    }

    private static boolean leads(Quorum quorum, NodePlan node, long leader) {
        return quorum.member(node.name()).filter(member -> member.id() == leader).isPresent();
    }

    private static void snapshotBeforeUpgrade(ApplyContext context, Plan.VersionChange change) {
        Path file = SnapshotSave.backupFile(context.options().backupDir(), context.inventory().cluster().name(),
                "before-" + change.to(), Instant.now());
        SnapshotSave.Saved saved = SnapshotSave.save(context.access(), file);
        SnapshotInfo snapshot = saved.snapshot();
        context.progress().report(NAME, "cluster", Outcome.CHANGED, "saved a snapshot before upgrading etcd "
                + change.from() + " -> " + change.to() + ": " + snapshot.file() + " (" + snapshot.sizeBytes()
                + " bytes, sha256 " + snapshot.sha256() + ", from " + saved.member() + ")", saved.took());
    }
}
