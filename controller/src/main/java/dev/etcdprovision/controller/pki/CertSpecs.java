package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.pki.CertSpec.Usage;
import dev.etcdprovision.controller.pki.PkiLayout.ClientCert;
import dev.etcdprovision.controller.pki.PkiLayout.NodeCert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every certificate an inventory needs, in a stable order: node by node, then the clients. */
public final class CertSpecs {
    /** Every member also answers on the loopback names: node-local tools, and lab hosts sharing one loopback. */
    static final List<String> LOCAL_SANS = List.of("localhost", "127.0.0.1", "::1");
    private static final Set<Usage> SERVER_AND_CLIENT = Set.of(Usage.SERVER_AUTH, Usage.CLIENT_AUTH);
    private static final Set<Usage> CLIENT = Set.of(Usage.CLIENT_AUTH);

    private CertSpecs() {}

    public static List<CertSpec> forInventory(Inventory inventory) {
        List<CertSpec> specs = new ArrayList<>();
        for (NodeSpec node : inventory.nodes()) {
            specs.addAll(forNode(node));
        }
        specs.add(new CertSpec(PkiLayout.clientCertName(ClientCert.ADMIN), "admin", List.of(), CLIENT, List.of()));
        // the group kube-apiserver's own client certificates carry in kubeadm clusters
        specs.add(new CertSpec(PkiLayout.clientCertName(ClientCert.KUBE_APISERVER), "kube-apiserver-etcd-client",
                List.of("system:masters"), CLIENT, List.of()));
        return specs;
    }

    /**
     * A node's server and peer certificates (both serverAuth and clientAuth: a member is a client
     * of its peers), with the same names: node name, address, extra names, the loopback names;
     * and its health check client certificate.
     */
    public static List<CertSpec> forNode(NodeSpec node) {
        List<SubjectAltName> sans = sans(node);
        return List.of(
                new CertSpec(PkiLayout.nodeCertName(node.name(), NodeCert.SERVER), node.name(), List.of(),
                        SERVER_AND_CLIENT, sans),
                new CertSpec(PkiLayout.nodeCertName(node.name(), NodeCert.PEER), node.name(), List.of(),
                        SERVER_AND_CLIENT, sans),
                new CertSpec(PkiLayout.nodeCertName(node.name(), NodeCert.HEALTHCHECK_CLIENT),
                        node.name() + "-healthcheck-client", List.of(), CLIENT, List.of()));
    }

    private static List<SubjectAltName> sans(NodeSpec node) {
        Set<SubjectAltName> sans = new LinkedHashSet<>();
        sans.add(SubjectAltName.of(node.name()));
        sans.add(SubjectAltName.of(node.address()));
        node.extraSans().forEach(san -> sans.add(SubjectAltName.of(san)));
        LOCAL_SANS.forEach(san -> sans.add(SubjectAltName.of(san)));
        return List.copyOf(sans);
    }
}
