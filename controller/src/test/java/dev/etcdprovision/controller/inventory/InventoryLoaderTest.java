package dev.etcdprovision.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    @TempDir
    Path folder;

    private Path home() throws IOException {
        Path home = folder.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key\n");
        return home;
    }

    @Test
    void theExampleInventoryLoadsAsDocumented() throws Exception {
        Path example = Path.of(System.getProperty("project.root"), "inventory.example.yaml");
        Path copy = Files.copy(example, Files.createDirectories(folder.resolve("ops")).resolve("inventory.yaml"));
        Path home = home();

        Inventory inventory = new InventoryLoader(home).load(copy);

        assertEquals("k8s1", inventory.cluster().name());
        assertEquals("3.5.16", inventory.cluster().etcdVersion());
        assertEquals(List.of("k8s1-etcd1", "k8s1-etcd2", "k8s1-etcd3"), inventory.nodeNames());
        assertEquals("k8s1-etcd2.k8s.lan", inventory.node("k8s1-etcd2").address());
        assertEquals(home.resolve(".ssh/id_ed25519"), inventory.ssh().identityFile(), "~ is the home folder");
        assertEquals(home.resolve(".ssh/known_hosts"), inventory.ssh().knownHosts());
        assertEquals(folder.resolve("ops/pki"), inventory.pki().dir(), "relative to the inventory file");
        assertEquals("https://github.com/etcd-io/etcd/releases/download/v3.5.16/etcd-v3.5.16-linux-amd64.tar.gz",
                inventory.cluster().release().archiveUrl("3.5.16", "amd64"));
        assertEquals("https://github.com/etcd-io/etcd/releases/download/v3.5.16/SHA256SUMS",
                inventory.cluster().release().sha256sumsUrl("3.5.16", "amd64"));
        // the example spells out every default: loading it gives the same as leaving the fields out
        Inventory minimal = new InventoryLoader(home).parse("""
                cluster: {name: k8s1, etcdVersion: 3.5.16}
                nodes:
                  - {name: k8s1-etcd1, address: k8s1-etcd1.k8s.lan}
                  - {name: k8s1-etcd2, address: k8s1-etcd2.k8s.lan}
                  - {name: k8s1-etcd3, address: k8s1-etcd3.k8s.lan}
                """, Path.of("minimal.yaml"), folder.resolve("ops"));
        assertEquals(minimal, inventory);
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() throws Exception {
        Inventory inventory = new InventoryLoader(home()).parse("""
                cluster: {name: one, etcdVersion: 3.4.23}
                nodes: [{name: one, address: 192.0.2.1}]
                """, Path.of("inventory.yaml"), folder);
        assertEquals(2379, inventory.cluster().clientPort());
        assertEquals(2380, inventory.cluster().peerPort());
        assertEquals("/var/lib/etcd", inventory.cluster().dataDir());
        assertEquals("root", inventory.ssh().user());
        assertEquals(22, inventory.ssh().port());
        assertEquals(KeyAlgorithm.ECDSA_P256, inventory.pki().keyAlgorithm());
        assertEquals(Duration.ofDays(730), inventory.pki().certificateValidity());
        EtcdSettings etcd = inventory.etcd();
        assertEquals(Duration.ofMillis(100), etcd.heartbeatInterval());
        assertEquals(Duration.ofSeconds(1), etcd.electionTimeout());
        assertEquals(8L << 30, etcd.backendQuota().bytes());
        assertEquals(1536L << 10, etcd.maxRequestSize().bytes());
        assertEquals(AutoCompaction.Mode.PERIODIC, etcd.autoCompaction().mode());
        assertEquals("1h", etcd.autoCompaction().retention());
        assertEquals(10_000, etcd.snapshotCount());
        assertEquals(EtcdSettings.LogLevel.INFO, etcd.logLevel());
        assertEquals(Optional.empty(), etcd.metricsUrlTemplate());
        assertFalse(etcd.localhostClientListener());
        assertTrue(inventory.node("one").hasIpAddress());
        assertEquals(List.of(), inventory.node("one").extraSans());
    }

    @Test
    void absolutePathsStayAsWritten() throws Exception {
        Path key = Files.writeString(folder.resolve("elsewhere-key"), "key\n");
        Inventory inventory = new InventoryLoader(home()).parse("""
                cluster: {name: one, etcdVersion: 3.4.23}
                ssh: {identityFile: %s, knownHosts: /etc/ssh/ssh_known_hosts}
                pki: {dir: /srv/etcd-pki}
                nodes: [{name: one, address: one.lan}]
                """.formatted(key), Path.of("inventory.yaml"), folder);
        assertEquals(key, inventory.ssh().identityFile());
        assertEquals(Path.of("/etc/ssh/ssh_known_hosts"), inventory.ssh().knownHosts());
        assertEquals(Path.of("/srv/etcd-pki"), inventory.pki().dir());
    }

    @Test
    void aMissingFileIsAProblemOfItsOwn() {
        Path missing = folder.resolve("nope.yaml");
        InvalidInventoryException invalid = assertThrows(InvalidInventoryException.class,
                () -> new InventoryLoader(folder).load(missing));
        assertTrue(invalid.getMessage().startsWith(missing + ": cannot be read"), invalid.getMessage());
    }

    @Test
    void aNodeNotInTheInventoryIsNamedWithTheOnesThatAre() throws Exception {
        Inventory inventory = new InventoryLoader(home()).parse("""
                cluster: {name: one, etcdVersion: 3.4.23}
                nodes: [{name: one, address: one.lan}]
                """, Path.of("inventory.yaml"), folder);
        Exception unknown = assertThrows(NoSuchElementException.class, () -> inventory.node("two"));
        assertEquals("no node named two in the inventory; its nodes are [one]", unknown.getMessage());
    }
}
