package dev.etcdprovision.controller.operate;

import dev.etcdprovision.agent.Shell;
import dev.etcdprovision.controller.pki.KubeadmFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kubeadm-config}: the {@code etcd.external} part of a kubeadm ClusterConfiguration, for
 * kube-apiserver to use this cluster, with the certificate paths kubeadm expects on a control
 * plane node (the files themselves come from {@link KubeadmFiles}).
 */
public final class KubeadmConfig {
    /** The ClusterConfiguration version of current kubeadm releases (1.31 on). */
    public static final String API_VERSION = "kubeadm.k8s.io/v1beta4";

    private KubeadmConfig() {}

    /**
     * The YAML, with comments that say to copy the files of {@code dir} into
     * {@code /etc/kubernetes/pki} on every control plane node.
     */
    public static String clusterConfiguration(List<String> endpoints, Path dir) {
        String pki = KubeadmFiles.KUBERNETES_PKI + "/";
        StringBuilder yaml = new StringBuilder()
                .append("# kube-apiserver on an external etcd cluster: merge this into your kubeadm configuration.\n")
                .append("# First copy ").append(KubeadmFiles.CA).append(", ").append(KubeadmFiles.CERTIFICATE)
                .append(" and ").append(KubeadmFiles.KEY).append(" from ").append(dir).append('\n')
                .append("# to ").append(pki).append(" on every control plane node, e.g. as root:\n")
                .append("#   cp -r ").append(Shell.quote(dir + "/.")).append(' ').append(pki).append('\n')
                .append("apiVersion: ").append(API_VERSION).append('\n')
                .append("kind: ClusterConfiguration\n")
                .append("etcd:\n")
                .append("  external:\n")
                .append("    endpoints:\n");
        endpoints.forEach(endpoint -> yaml.append("      - ").append(endpoint).append('\n'));
        return yaml.append("    caFile: ").append(pki).append(KubeadmFiles.CA).append('\n')
                .append("    certFile: ").append(pki).append(KubeadmFiles.CERTIFICATE).append('\n')
                .append("    keyFile: ").append(pki).append(KubeadmFiles.KEY).append('\n')
                .toString();
    }
}
