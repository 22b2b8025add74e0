package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.pki.PkiLayout.ClientCert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What kube-apiserver needs to reach the cluster, named as kubeadm expects it below
 * {@code /etc/kubernetes/pki}: the etcd CA and the kube-apiserver client certificate and key.
 */
public final class KubeadmFiles {
    /** Where kubeadm keeps its certificates on a control plane node. */
    public static final String KUBERNETES_PKI = "/etc/kubernetes/pki";
    public static final String CA = "etcd/ca.crt";
    public static final String CERTIFICATE = "apiserver-etcd-client.crt";
    public static final String KEY = "apiserver-etcd-client.key";

    private KubeadmFiles() {}

    /**
     * Copies them from the PKI folder into {@code dir}, each replaced atomically, the key 0600 (and
     * new folders 0700); returns the files written, in the order of {@link #CA}, {@link #CERTIFICATE},
     * {@link #KEY}.
     *
     * @throws PkiException when the PKI folder does not hold them yet
     */
    public static List<Path> write(PkiLayout pki, Path dir) throws PkiException, IOException {
        String client = PkiLayout.clientCertName(ClientCert.KUBE_APISERVER);
        Map<String, Path> sources = new LinkedHashMap<>();
        sources.put(CA, pki.caCertificate());
        sources.put(CERTIFICATE, pki.certificate(client));
        sources.put(KEY, pki.key(client));
        for (Path source : sources.values()) {
            if (!Files.isRegularFile(source)) {
                throw new PkiException(source + " does not exist: run `etcd-provision certs generate` (or apply)"
                        + " first");
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Path> file : sources.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Set<PosixFilePermission> mode = file.getKey().equals(KEY) ? PrivateFiles.PRIVATE : PrivateFiles.PUBLIC;
            PrivateFiles.write(target, Files.readAllBytes(file.getValue()), mode);
            written.add(target);
        }
        return written;
    }
}
