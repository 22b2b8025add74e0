package dev.etcdprovision.controller.observe;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.controller.inventory.NodeSpec;
import java.util.Optional;

/** What one inventory node showed: its facts, or why it could not be asked. */
public record NodeObservation(NodeSpec node, Optional<HostFacts> facts, Optional<HostException> problem) {

    public static NodeObservation of(NodeSpec node, HostFacts facts) {
        return new NodeObservation(node, Optional.of(facts), Optional.empty());
    }

    public static NodeObservation unreachable(NodeSpec node, HostException problem) {
        return new NodeObservation(node, Optional.empty(), Optional.of(problem));
    }

    public String name() {
        return node.name();
    }

    public boolean reachable() {
        return facts.isPresent();
    }

    /** The facts of a reachable node. */
    public HostFacts requireFacts() {
        return facts.orElseThrow(() -> problem.orElseThrow());
    }

    /** Whether etcd has data here: a member that started at least once. */
    public boolean hasData() {
        return facts.flatMap(HostFacts::dataDir).filter(state -> state == HostFacts.DataDirState.NON_EMPTY)
                .isPresent();
    }

    public boolean serviceActive() {
        return facts.flatMap(HostFacts::unit).filter(unit -> unit.isActive()).isPresent();
    }
}
