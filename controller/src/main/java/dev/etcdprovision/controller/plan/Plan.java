package dev.etcdprovision.controller.plan;

import dev.etcdprovision.controller.pki.PkiReport;
import java.util.List;
import java.util.Optional;

/**
 * What apply will do, decided from the inventory and what the hosts and the cluster showed.
 * Pure data: {@code plan} prints it, {@code apply} carries it out (re-checking the cluster before
 * each membership change, so that a re-run after a crash finishes the job).
 *
 * @param refusals problems that stop apply before it changes anything (one per problem)
 * @param warnings what the operator should know but does not stop apply
 */
public record Plan(Mode mode, List<NodePlan> nodes, List<Removal> removals, Optional<VersionChange> versionChange,
        PkiReport pki, List<Refusal> refusals, List<Warning> warnings) {

    /** How the cluster is met. */
    public enum Mode {
        /** No member has data and none answers: every node starts together as a new cluster. */
        FORM,
        /** Members have data but no quorum answers: start the members that are down, then converge. */
        RESUME,
        /** A cluster with a quorum: converge files, restart one member at a time, grow and shrink. */
        CONVERGE
    }

    public Plan {
        nodes = List.copyOf(nodes);
        removals = List.copyOf(removals);
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }

    public NodePlan node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst().orElseThrow();
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** Whether apply would change anything: a file, a binary, a service, a member, a certificate. */
    public boolean hasChanges() {
        return pki.changed() || !removals.isEmpty() || nodes.stream().anyMatch(NodePlan::hasChanges);
    }

    /** Nodes that restart, in the order apply restarts them: followers first, the leader last. */
    public List<NodePlan> restarts() {
        return nodes.stream().filter(node -> node.service() == NodePlan.Service.RESTART)
                .sorted((a, b) -> Boolean.compare(a.leader(), b.leader()))
                .toList();
    }

    /** Nodes that join the cluster (grow), in inventory order: apply adds them one at a time. */
    public List<NodePlan> joins() {
        return nodes.stream().filter(node -> node.role().joins()).toList();
    }

    /** A member that is not in the inventory and leaves the cluster (only with --allow-remove). */
    public record Removal(String name, String memberId, String address, boolean leader) {}

    /** The etcd version the members run and the one the inventory asks for. */
    public record VersionChange(String from, String to) {}

    /** Something the operator should look at, on one target; apply goes on. */
    public record Warning(String target, String message) {}

    /** A reason not to go on, on one target, with what to do about it. */
    public record Refusal(String target, String problem, String hint) {}
}
