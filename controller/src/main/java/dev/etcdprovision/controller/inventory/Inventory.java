package dev.etcdprovision.controller.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The whole inventory file: what the cluster is and how to reach its hosts. Sections that are
 * left out take their defaults; after {@link InventoryLoader#load} every path is absolute and
 * every field has passed validation.
 */
public record Inventory(
        @Required ClusterSpec cluster,
        SshSpec ssh,
        PkiSpec pki,
        EtcdSettings etcd,
        @Required List<NodeSpec> nodes) {

    public Inventory {
        ssh = ssh != null ? ssh : new SshSpec(null, null, null, null);
        pki = pki != null ? pki : new PkiSpec(null, null, null);
        etcd = etcd != null ? etcd : new EtcdSettings(null, null, null, null, null, null, null, null, null);
        // null items stay until validation reports them (at their index)
        nodes = nodes != null ? Collections.unmodifiableList(new ArrayList<>(nodes)) : List.of();
    }

    public Optional<NodeSpec> findNode(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }

    /** The node of that name; a name not in the inventory is an error that lists the names. */
    public NodeSpec node(String name) {
        return findNode(name).orElseThrow(() -> new NoSuchElementException("no node named " + name
                + " in the inventory; its nodes are " + nodeNames()));
    }

    public List<String> nodeNames() {
        return nodes.stream().map(NodeSpec::name).toList();
    }
}
