package dev.etcdprovision.controller.render;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The cluster as a member is told about it when it first starts (etcd's ETCD_INITIAL_*
 * settings): decided by the caller, never derived from hidden state. A cluster being formed is
 * {@code new} with every member; afterwards it is {@code existing}, and a member that joins gets
 * the current members plus itself.
 *
 * @param initialCluster {@code name=peerURL} of each member, in a stable order
 */
public record ClusterView(List<String> initialCluster, State initialClusterState, String initialClusterToken) {

    public enum State {
        NEW, EXISTING;

        /** As etcd spells it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ClusterView {
        initialCluster = List.copyOf(initialCluster);
        if (initialCluster.isEmpty()) {
            throw new IllegalArgumentException("an initial cluster has at least one member");
        }
    }

    /** Every node of the inventory, in its order, forming a new cluster. */
    public static ClusterView forming(Inventory inventory, String token) {
        return new ClusterView(inventory.nodes().stream()
                .map(node -> EtcdUrls.member(node, inventory.cluster())).toList(), State.NEW, token);
    }

    /** A node joining a running cluster: the current members ({@code name=peerURL}) plus itself. */
    public static ClusterView joining(List<String> currentMembers, NodeSpec node, Inventory inventory, String token) {
        List<String> members = new ArrayList<>(currentMembers);
        members.add(EtcdUrls.member(node, inventory.cluster()));
        return new ClusterView(members, State.EXISTING, token);
    }

    /**
     * {@code <cluster name>-<first 8 hex digits of the sha256 of the CA certificate>}: the same on
     * every run, and new with a new CA, so members of an older cluster can never join this one.
     */
    public static String defaultToken(String clusterName, X509Certificate ca) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
            return clusterName + "-" + HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
