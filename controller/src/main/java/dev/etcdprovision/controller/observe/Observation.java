package dev.etcdprovision.controller.observe;

import java.util.List;
import java.util.NoSuchElementException;

/** Everything observed before planning: each inventory node, and the cluster. Read-only. */
public record Observation(List<NodeObservation> nodes, ClusterObservation cluster) {

    public Observation {
        nodes = List.copyOf(nodes);
    }

    public NodeObservation node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no observation of " + name));
    }
}
