package dev.etcdprovision.controller.render;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.PkiLayout.NodeCert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The certificates a node gets from the controller's PKI folder, as files for the node: the CA
 * certificate (never its key), its server and peer pairs (keys readable by etcd only) and its
 * health check client pair (key readable by root only, for etcdctl on the node).
 */
public final class NodeCertificates {
    private NodeCertificates() {}

    public static List<RemoteFile> files(PkiLayout pki, String node) throws IOException {
        String server = PkiLayout.nodeCertName(node, NodeCert.SERVER);
        String peer = PkiLayout.nodeCertName(node, NodeCert.PEER);
        String healthcheck = PkiLayout.nodeCertName(node, NodeCert.HEALTHCHECK_CLIENT);
        return List.of(
                publicFile(NodeLayout.CA_CERT, pki.caCertificate()),
                publicFile(NodeLayout.SERVER_CERT, pki.certificate(server)),
                privateFile(NodeLayout.SERVER_KEY, pki.key(server), NodeLayout.ETCD_USER, NodeLayout.ETCD_GROUP),
                publicFile(NodeLayout.PEER_CERT, pki.certificate(peer)),
                privateFile(NodeLayout.PEER_KEY, pki.key(peer), NodeLayout.ETCD_USER, NodeLayout.ETCD_GROUP),
                publicFile(NodeLayout.HEALTHCHECK_CLIENT_CERT, pki.certificate(healthcheck)),
                privateFile(NodeLayout.HEALTHCHECK_CLIENT_KEY, pki.key(healthcheck), "root", "root"));
    }

    private static RemoteFile publicFile(String path, Path local) throws IOException {
        return new RemoteFile(path, Files.readAllBytes(local), 0644, "root", "root");
    }

    private static RemoteFile privateFile(String path, Path local, String owner, String group) throws IOException {
        return new RemoteFile(path, Files.readAllBytes(local), 0600, owner, group);
    }
}
