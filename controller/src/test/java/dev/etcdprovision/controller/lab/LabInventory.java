package dev.etcdprovision.controller.lab;

import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An inventory file for lab hosts, as an operator would write it: the lab's key and known_hosts,
 * the lab's release archives by file:// URL, one node per host ({@code etcd1} on host 1, ...).
 * Its PKI folder and backups live next to it.
 */
public final class LabInventory {
    private final Lab lab;
    private final Path folder;
    private String version = EtcdReleases.V3_5;
    private String user = "root";
    private String etcdSection = "";
    private List<LabHost> hosts;

    private LabInventory(Lab lab, Path folder) {
        this.lab = lab;
        this.folder = folder;
        this.hosts = lab.hosts();
    }

    /** An inventory in its own folder under the lab's scratch folder. */
    public static LabInventory in(Lab lab, String name) {
        try {
            return new LabInventory(lab, Files.createDirectories(lab.workDir().resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LabInventory version(String etcdVersion) {
        this.version = etcdVersion;
        return this;
    }

    public LabInventory user(String sshUser) {
        this.user = sshUser;
        return this;
    }

    public LabInventory hosts(List<LabHost> nodes) {
        this.hosts = List.copyOf(nodes);
        return this;
    }

    /** The {@code etcd:} section's body, e.g. {@code "heartbeatInterval: 150ms"}. */
    public LabInventory etcd(String settings) {
        this.etcdSection = settings;
        return this;
    }

    public Path folder() {
        return folder;
    }

    public Path pki() {
        return folder.resolve("pki");
    }

    /** Writes (or rewrites) {@code inventory.yaml} and returns its path. */
    public Path write() {
        StringBuilder yaml = new StringBuilder()
                .append("cluster:\n")
                .append("  name: lab\n")
                .append("  etcdVersion: ").append(version).append('\n')
                .append("  release:\n")
                .append("    url: ").append(EtcdReleases.fileUrlTemplate()).append('\n')
                .append("ssh:\n")
                .append("  user: ").append(user).append('\n')
                .append("  identityFile: ").append(lab.privateKey()).append('\n')
                .append("  knownHosts: ").append(lab.knownHosts()).append('\n');
        if (!etcdSection.isBlank()) {
            yaml.append("etcd:\n");
            etcdSection.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        }
        yaml.append("nodes:\n");
        for (LabHost host : hosts) {
            yaml.append("  - name: ").append(nodeName(host)).append('\n')
                    .append("    address: ").append(host.address()).append('\n');
        }
        try {
            return Files.writeString(folder.resolve("inventory.yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node name of a lab host in these inventories. */
    public static String nodeName(LabHost host) {
        return "etcd" + host.index();
    }
}
