package dev.etcdprovision.controller.pki;

import java.nio.file.Path;

/**
 * The PKI folder on the controller (by default {@code pki/} next to the inventory):
 *
 * <pre>
 * ca.crt  ca.key
 * nodes/&lt;node&gt;/server.{crt,key}  peer.{crt,key}  healthcheck-client.{crt,key}
 * clients/admin.{crt,key}  clients/kube-apiserver-etcd-client.{crt,key}
 * </pre>
 *
 * A certificate's name is its path without the extension, e.g. {@code nodes/k8s1-etcd1/server}.
 */
public record PkiLayout(Path dir) {
    public static final String CA = "ca";

    /** The certificates of each node. */
    public enum NodeCert {
        SERVER("server"), PEER("peer"), HEALTHCHECK_CLIENT("healthcheck-client");

        private final String fileName;

        NodeCert(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    /** The client certificates of the cluster. */
    public enum ClientCert {
        ADMIN("admin"), KUBE_APISERVER("kube-apiserver-etcd-client");

        private final String fileName;

        ClientCert(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    public PkiLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public static String nodeCertName(String node, NodeCert cert) {
        return "nodes/" + node + "/" + cert.fileName();
    }

    public static String clientCertName(ClientCert cert) {
        return "clients/" + cert.fileName();
    }

    public Path caCertificate() {
        return certificate(CA);
    }

    public Path caKey() {
        return key(CA);
    }

    public Path certificate(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** The folder of the node certificates, of the client certificates. */
    Path[] leafFolders() {
        return new Path[] {dir.resolve("nodes"), dir.resolve("clients")};
    }
}
