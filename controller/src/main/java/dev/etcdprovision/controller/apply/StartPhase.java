package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.steps.Systemd;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.NodePlan.Role;
import dev.etcdprovision.controller.plan.NodePlan.Service;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.OnEach;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Starts what must run and is not running. A new cluster's members start together (each waits
 * for a quorum of the others), and once the cluster is healthy every etcd.conf switches to
 * {@code ETCD_INITIAL_CLUSTER_STATE=existing}, with no restart: a member whose data dir is later
 * wiped can then never bootstrap a second cluster. Members that are down start the same way.
 */
final class StartPhase implements Phase<ApplyContext> {
    static final String NAME = "start";
    /** Forming waits for every member to start and elect a leader. */
    static final Duration FORMING_DEADLINE = Duration.ofSeconds(90);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        List<NodePlan> starting = context.plan().nodes().stream()
                .filter(node -> node.service() == Service.START && !node.role().joins())
                .toList();
        if (starting.isEmpty()) {
            return;
        }
        Instant start = Instant.now();
        OnEach.run(NAME, starting, NodePlan::name, Failures::describe, node ->
                new Systemd(context.actions(node.name()).host()).startNoBlock(NodeLayout.UNIT_NAME));
        OnEach.run(NAME, starting, NodePlan::name, Failures::describe, node -> {
            NodeActions actions = context.actions(node.name());
            actions.awaitHealthy(NAME, FORMING_DEADLINE);
            if (node.role() == Role.FORMING || node.role() == Role.MEMBER || node.role() == Role.LEARNER) {
                DesiredNode converged = context.targets().converged(context.node(node.name()));
                List<String> written = actions.writeFiles(converged, false);
                actions.recordRunningConfig(converged);
                if (!written.isEmpty() && node.role() == Role.FORMING) {
                    context.progress().info(NAME, node.name(), "etcd.conf now says the cluster exists (no restart)");
                }
            }
            context.progress().report(NAME, node.name(), Outcome.CHANGED, describe(node),
                    Duration.between(start, Instant.now()));
        });
    }

    private static String describe(NodePlan node) {
        return switch (node.role()) {
            case FORMING -> "started; the cluster is formed and healthy";
            case RESUMING -> "started (" + node.serviceReason() + ")";
            default -> "started (" + node.serviceReason() + ") and healthy";
        };
    }
}
