package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.desired.NodeTargets;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.observe.Observation;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.workflow.Progress;
import java.util.Map;

/**
 * What the phases of apply work with: the connections, the plan and what it was made from, and
 * where progress goes, and the work that goes on beside the phases. A phase that needs the
 * cluster's current state asks it.
 */
public record ApplyContext(ClusterAccess access, ApplyOptions options, NodeTargets targets, Observation observation,
        Map<String, Release> releases, Plan plan, Progress progress, Background background) {

    public Inventory inventory() {
        return access.inventory();
    }

    public NodeSpec node(String name) {
        return inventory().node(name);
    }

    public NodeActions actions(String node) {
        return new NodeActions(this, node(node));
    }
}
