package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.ClusterSpec;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.inventory.PkiSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Inventories made in code for PKI tests (validation has its own tests). */
final class TestInventories {
    private TestInventories() {}

    static Inventory cluster(Path pki, KeyAlgorithm algorithm, NodeSpec... nodes) {
        return new Inventory(new ClusterSpec("k8s1", "3.5.16", null, null, null, null), null,
                new PkiSpec(pki, algorithm, null), null, List.of(nodes));
    }

    static Inventory threeNodes(Path pki, KeyAlgorithm algorithm) {
        return cluster(pki, algorithm, node(1), node(2), node(3));
    }

    static NodeSpec node(int index) {
        return new NodeSpec("k8s1-etcd" + index, "k8s1-etcd" + index + ".k8s.lan", List.of());
    }

    static Inventory withNode(Inventory inventory, NodeSpec replacement) {
        List<NodeSpec> nodes = new ArrayList<>(inventory.nodes());
        nodes.replaceAll(node -> node.name().equals(replacement.name()) ? replacement : node);
        return new Inventory(inventory.cluster(), inventory.ssh(), inventory.pki(), inventory.etcd(), nodes);
    }

    static Inventory withPki(Inventory inventory, PkiSpec pki) {
        return new Inventory(inventory.cluster(), inventory.ssh(), pki, inventory.etcd(), inventory.nodes());
    }
}
