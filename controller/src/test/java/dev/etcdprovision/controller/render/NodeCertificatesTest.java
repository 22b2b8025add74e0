package dev.etcdprovision.controller.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.PkiSpec;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.pki.PkiLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCertificatesTest {
    @TempDir
    Path pki;

    @Test
    void aNodeGetsTheCaCertificateAndItsOwnPairsWithTheirOwners() throws Exception {
        Inventory base = RenderFixtures.inventory("3.5.16", 3);
        Inventory inventory = new Inventory(base.cluster(), null, new PkiSpec(pki, null, null), null, base.nodes());
        new PkiGenerator().generate(inventory, Instant.now());

        List<RemoteFile> files = NodeCertificates.files(new PkiLayout(pki), "k8s1-etcd2");

        assertEquals(List.of(
                "/etc/etcd/pki/ca.crt 0644 root:root",
                "/etc/etcd/pki/server.crt 0644 root:root",
                "/etc/etcd/pki/server.key 0600 etcd:etcd",
                "/etc/etcd/pki/peer.crt 0644 root:root",
                "/etc/etcd/pki/peer.key 0600 etcd:etcd",
                "/etc/etcd/pki/healthcheck-client.crt 0644 root:root",
                "/etc/etcd/pki/healthcheck-client.key 0600 root:root"),
                files.stream().map(file -> file.path() + " " + file.octalMode() + " " + file.owner() + ":" + file.group())
                        .toList());
        assertArrayEquals(Files.readAllBytes(pki.resolve("nodes/k8s1-etcd2/peer.key")), files.get(4).content());
        assertArrayEquals(Files.readAllBytes(pki.resolve("ca.crt")), files.get(0).content());
    }
}
