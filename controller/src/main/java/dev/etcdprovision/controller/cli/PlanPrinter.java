package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.FileChange;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plan as people read it: per node what changes and why, then the cluster's changes in order. */
final class PlanPrinter {
    private static final int DIFF_LINES = 12;

    private PlanPrinter() {}

    static void print(Plan plan, Inventory inventory, PrintWriter out) {
        out.println("Plan for cluster " + inventory.cluster().name() + " (etcd " + inventory.cluster().etcdVersion()
                + "): " + mode(plan));
        List<PkiReport.Outcome> certificates = plan.pki().outcomes().stream()
                .filter(outcome -> outcome.action() != PkiReport.Action.REUSED).toList();
        for (PkiReport.Outcome outcome : certificates) {
            out.println("  [pki] " + (outcome.action() == PkiReport.Action.CREATED ? "create " : "reissue ")
                    + outcome.name() + ".crt" + (outcome.reason().isEmpty() ? "" : ": " + outcome.reason()));
        }
        for (NodePlan node : plan.nodes()) {
            printNode(node, out);
        }
        for (Plan.Removal removal : plan.removals()) {
            out.println(removal.name() + " (member " + removal.memberId() + ", not in the inventory):");
            out.println("  leaves the cluster" + (removal.leader() ? " after handing over leadership" : "")
                    + "; etcd stopped and disabled on " + (removal.address().isEmpty() ? "its host" : removal.address())
                    + ", its data moved aside");
        }
        plan.versionChange().ifPresent(change -> out.println("Upgrade: etcd " + change.from() + " -> " + change.to()
                + ", one member at a time, after a snapshot is saved on this machine"));
        List<NodePlan> restarts = plan.restarts();
        if (!restarts.isEmpty()) {
            List<String> order = new ArrayList<>();
            restarts.forEach(node -> order.add(node.name() + (node.leader() ? " (the leader, after handing over)" : "")));
            out.println("Restarts, one at a time: " + String.join(", then ", order));
        }
        List<NodePlan> joins = plan.joins();
        if (!joins.isEmpty()) {
            out.println("Joins, one at a time as learners: " + String.join(", then ",
                    joins.stream().map(NodePlan::name).toList()));
        }
        plan.warnings().forEach(warning -> out.println("WARNING " + warning.target() + ": " + warning.message()));
        if (plan.refused()) {
            out.println("Apply would stop before changing anything:");
            for (Plan.Refusal refusal : plan.refusals()) {
                out.println("  " + refusal.target() + ": " + refusal.problem());
                if (!refusal.hint().isBlank()) {
                    out.println("    hint: " + refusal.hint());
                }
            }
        } else if (!plan.hasChanges()) {
            out.println("No changes: the cluster matches the inventory.");
        }
    }

    private static String mode(Plan plan) {
        return switch (plan.mode()) {
            case FORM -> "form a new cluster of " + plan.nodes().size() + " member(s)";
            case RESUME -> "the cluster has no quorum: start the members that are down";
            case CONVERGE -> "converge the running cluster";
        };
    }

    private static void printNode(NodePlan node, PrintWriter out) {
        if (!node.hasChanges()) {
            out.println(node.name() + " (" + role(node) + "): no changes");
            return;
        }
        out.println(node.name() + " (" + role(node) + "):");
        if (node.moveDataAside()) {
            out.println("  move the old data dir aside (kept, not deleted)");
        }
        if (node.install()) {
            out.println("  install the etcd binaries");
        }
        for (FileChange file : node.files()) {
            if (file.path().endsWith("/*")) {
                out.println("  install its new certificates in " + file.path().substring(0, file.path().length() - 2));
                continue;
            }
            out.println("  " + file.kind().describe() + " " + file.path());
            List<String> diff = file.diff();
            diff.stream().limit(DIFF_LINES).forEach(line -> out.println("      " + line));
            if (diff.size() > DIFF_LINES) {
                out.println("      ... " + (diff.size() - DIFF_LINES) + " more changed lines");
            }
        }
        switch (node.service()) {
            case START -> out.println("  start etcd: " + node.serviceReason());
            case RESTART -> out.println("  restart etcd: " + node.serviceReason());
            case NONE -> { }
        }
        if (node.role() == NodePlan.Role.LEARNER) {
            out.println("  promote the learner to a voting member once it has caught up");
        }
    }

    private static String role(NodePlan node) {
        return switch (node.role()) {
            case FORMING -> "forms the cluster";
            case MEMBER -> "member" + (node.leader() ? ", leader" : "");
            case LEARNER -> "learner";
            case ADDED -> "added, never started";
            case JOINING -> "joins";
            case RESUMING -> "member";
        };
    }
}
