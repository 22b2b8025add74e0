package dev.etcdprovision.controller.apply;

import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.NodePlan.Role;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates, etcd.conf, etcdctl.env and the unit of a member or of a node forming the cluster,
 * written while its binaries upload (see {@link InstallPhase}); the unit last, once the binaries it
 * names are in place, so that systemd never restarts etcd from a binary still on its way. A
 * running etcd reads the files only when it restarts (the restart phase); a node that joins is
 * configured when it joins (the members phase), with the members it joins. Progress lines read
 * {@code [configure]}.
 */
final class Configure {
    static final String NAME = "configure";

    private final ApplyContext context;
    private final NodePlan node;
    private final DesiredNode desired;
    private final NodeActions actions;
    private final List<String> written = new ArrayList<>();
    private Instant start;

    Configure(ApplyContext context, NodePlan node) {
        this.context = context;
        this.node = node;
        this.desired = node.role() == Role.FORMING ? context.targets().forming(context.node(node.name()))
                : context.targets().converged(context.node(node.name()));
        this.actions = context.actions(node.name());
    }

    /** Whether this step writes the node's files (a joining node's files come with its join). */
    static boolean applies(NodePlan node) {
        return node.role() == Role.FORMING || node.role() == Role.MEMBER || node.role() == Role.LEARNER;
    }

    /** Every file but the unit: safe while the binaries upload. */
    void filesButTheUnit() {
        start = Instant.now();
        written.addAll(actions.write(desired, true, file -> !file.path().equals(NodeLayout.UNIT_FILE)));
    }

    /** Then the unit, systemd reloaded and the unit enabled; reports the step. */
    void unitAndReport() {
        written.addAll(actions.write(desired, true, file -> file.path().equals(NodeLayout.UNIT_FILE)));
        actions.activate(written.contains(NodeLayout.UNIT_FILE), true);
        context.progress().report(NAME, node.name(), written.isEmpty() ? Outcome.UNCHANGED : Outcome.CHANGED,
                written.isEmpty() ? "files in place" : "wrote " + Describe.files(written),
                Duration.between(start, Instant.now()));
    }
}
