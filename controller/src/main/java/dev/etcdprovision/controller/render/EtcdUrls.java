package dev.etcdprovision.controller.render;

import dev.etcdprovision.controller.inventory.ClusterSpec;
import dev.etcdprovision.controller.inventory.Hostnames;
import dev.etcdprovision.controller.inventory.NodeSpec;

/** The URLs etcd serves on a node: always https, always on the node's own address. */
public final class EtcdUrls {
    private EtcdUrls() {}

    public static String client(NodeSpec node, ClusterSpec cluster) {
        return https(node.address(), cluster.clientPort());
    }

    public static String peer(NodeSpec node, ClusterSpec cluster) {
        return https(node.address(), cluster.peerPort());
    }

    /** {@code name=peerURL}, as etcd's initial cluster lists a member. */
    public static String member(NodeSpec node, ClusterSpec cluster) {
        return node.name() + "=" + peer(node, cluster);
    }

    static String https(String address, int port) {
        return "https://" + Hostnames.urlHost(address) + ":" + port;
    }
}
