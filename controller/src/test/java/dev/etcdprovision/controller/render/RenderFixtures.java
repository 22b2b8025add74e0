package dev.etcdprovision.controller.render;

import dev.etcdprovision.controller.inventory.ClusterSpec;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import java.util.List;
import java.util.stream.IntStream;

/** Inventories made in code for rendering tests (loading has its own tests). */
final class RenderFixtures {
    private RenderFixtures() {}

    static Inventory inventory(String version, int nodes) {
        List<NodeSpec> specs = IntStream.rangeClosed(1, nodes)
                .mapToObj(i -> new NodeSpec("k8s1-etcd" + i, "k8s1-etcd" + i + ".k8s.lan", List.of()))
                .toList();
        return new Inventory(new ClusterSpec("k8s1", version, null, null, null, null), null, null, null, specs);
    }

    static NodeModel model(Inventory inventory, int node) {
        return NodeModel.of(inventory, inventory.nodes().get(node - 1), ClusterView.forming(inventory, "k8s1-0123abcd"));
    }
}
