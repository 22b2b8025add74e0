package dev.etcdprovision.controller.apply;

import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.NodePlan.Role;
import dev.etcdprovision.controller.workflow.OnEach;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Certificates, etcd.conf, etcdctl.env and the unit on the members and the nodes forming the
 * cluster, all at once. A running etcd reads them only when it restarts (the restart phase); a
 * node that joins is configured when it joins (the members phase), with the members it joins.
 */
final class ConfigurePhase implements Phase<ApplyContext> {
    static final String NAME = "configure";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        List<NodePlan> nodes = context.plan().nodes().stream()
                .filter(node -> node.role() == Role.FORMING || node.role() == Role.MEMBER
                        || node.role() == Role.LEARNER)
                .toList();
        OnEach.run(NAME, nodes, NodePlan::name, Failures::describe, node -> {
            Instant start = Instant.now();
            DesiredNode desired = node.role() == Role.FORMING ? context.targets().forming(context.node(node.name()))
                    : context.targets().converged(context.node(node.name()));
            List<String> written = context.actions(node.name()).writeFiles(desired, true);
            context.progress().report(NAME, node.name(), written.isEmpty() ? Outcome.UNCHANGED : Outcome.CHANGED,
                    written.isEmpty() ? "files in place" : "wrote " + Describe.files(written),
                    Duration.between(start, Instant.now()));
        });
    }
}
