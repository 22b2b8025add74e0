package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.operate.KubeadmConfig;
import dev.etcdprovision.controller.pki.KubeadmFiles;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.render.EtcdUrls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubeadm-config}: the files and the etcd block kubeadm needs for this external cluster. */
@Command(name = "kubeadm-config", description = {"Writes the etcd CA certificate and the kube-apiserver client"
        + " certificate and key under DIR as kubeadm names them (etcd/ca.crt, apiserver-etcd-client.crt,"
        + " apiserver-etcd-client.key; the key 0600), and prints the etcd.external block of a kubeadm"
        + " ClusterConfiguration (" + KubeadmConfig.API_VERSION + ") with the cluster's endpoints and the paths of"
        + " those files on a control plane node (" + KubeadmFiles.KUBERNETES_PKI + ")."})
final class KubeadmConfigCommand implements Callable<Integer> {
    @Mixin
    InventoryOption inventory;
    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the files (default: kubeadm/ next to"
            + " the inventory).")
    Path dir;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path inventoryFile = inventory.locate();
        Inventory loaded = inventory.load();
        Path folder = (dir != null ? dir : inventoryFile.toAbsolutePath().getParent().resolve("kubeadm"))
                .toAbsolutePath().normalize();
        List<Path> written = KubeadmFiles.write(new PkiLayout(loaded.pki().dir()), folder);
        List<String> endpoints = loaded.nodes().stream().map(node -> EtcdUrls.client(node, loaded.cluster())).toList();
        // which files were written goes to stderr: stdout is the YAML alone, to redirect into a file
        PrintWriter err = spec.commandLine().getErr();
        written.forEach(file -> err.println("[kubeadm-config] wrote " + file));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.print(KubeadmConfig.clusterConfiguration(endpoints, folder));
        return Main.OK;
    }
}
