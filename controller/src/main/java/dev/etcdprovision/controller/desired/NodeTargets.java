package dev.etcdprovision.controller.desired;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.render.ClusterView;
import dev.etcdprovision.controller.render.EtcdUrls;
import dev.etcdprovision.controller.render.NodeCertificates;
import dev.etcdprovision.controller.render.NodeModel;
import dev.etcdprovision.controller.render.Renderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds what each node must have, for the three ways a member meets its cluster: forming a new
 * one, joining a running one, and as a member of the converged cluster (every inventory node,
 * state {@code existing}: what every node keeps once apply is done).
 */
public final class NodeTargets {
    /** Shown in place of the token while the CA is yet to be made (a plan of a new cluster). */
    static final String TOKEN_PENDING = "<made with the new CA>";

    private final Inventory inventory;
    private final Renderer renderer;
    private final PkiLayout pki;
    private final Set<String> nodesWithPendingCertificates;
    private final String token;

    /**
     * @param nodesWithPendingCertificates nodes whose certificates are yet to be issued (a plan
     *     before the PKI phase); empty once the PKI folder is complete
     */
    public NodeTargets(Inventory inventory, Renderer renderer, Set<String> nodesWithPendingCertificates) {
        this.inventory = inventory;
        this.renderer = renderer;
        this.pki = new PkiLayout(inventory.pki().dir());
        this.nodesWithPendingCertificates = Set.copyOf(nodesWithPendingCertificates);
        this.token = Files.isRegularFile(pki.caCertificate())
                ? ClusterView.defaultToken(inventory.cluster().name(), readCertificate())
                : TOKEN_PENDING;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The initial cluster token (see {@link ClusterView#defaultToken}). */
    public String token() {
        return token;
    }

    /** A member of the converged cluster: every inventory node, state existing. */
    public DesiredNode converged(NodeSpec node) {
        return build(node, new ClusterView(allMembers(), ClusterView.State.EXISTING, token));
    }

    /** A member of a cluster being formed from every inventory node. */
    public DesiredNode forming(NodeSpec node) {
        return build(node, ClusterView.forming(inventory, token));
    }

    /** A node joining a running cluster whose members are {@code name=peerURL} (itself included or not). */
    public DesiredNode joining(NodeSpec node, List<String> currentMembers) {
        String self = EtcdUrls.member(node, inventory.cluster());
        List<String> members = new ArrayList<>(currentMembers.stream().filter(member -> !member.equals(self)).toList());
        members.add(self);
        // in inventory order, as the converged file lists them: the file need not change once all joined
        List<String> ordered = allMembers().stream().filter(members::contains).collect(Collectors.toList());
        members.stream().filter(member -> !ordered.contains(member)).forEach(ordered::add);
        return build(node, new ClusterView(ordered, ClusterView.State.EXISTING, token));
    }

    /** Every inventory node's {@code name=peerURL}, in inventory order. */
    public List<String> allMembers() {
        return inventory.nodes().stream().map(node -> EtcdUrls.member(node, inventory.cluster())).toList();
    }

    private DesiredNode build(NodeSpec node, ClusterView view) {
        boolean pending = nodesWithPendingCertificates.contains(node.name());
        List<RemoteFile> certificates;
        try {
            certificates = pending ? List.of() : NodeCertificates.files(pki, node.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificates of " + node.name() + " in " + pki.dir()
                    + "; run `etcd-provision certs generate`", e);
        }
        return new DesiredNode(node, inventory.cluster().etcdVersion(),
                renderer.render(NodeModel.of(inventory, node, view)), certificates, pending);
    }

    private X509Certificate readCertificate() {
        try (InputStream in = Files.newInputStream(pki.caCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read " + pki.caCertificate() + ": " + e.getMessage(), e);
        }
    }
}
