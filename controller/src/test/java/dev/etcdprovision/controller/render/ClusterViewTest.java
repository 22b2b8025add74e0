package dev.etcdprovision.controller.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.PkiSpec;
import dev.etcdprovision.controller.pki.Openssl;
import dev.etcdprovision.controller.pki.PkiGenerator;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterViewTest {
    @TempDir
    Path folder;

    @Test
    void aFormingClusterListsEveryNodeInInventoryOrder() {
        Inventory inventory = RenderFixtures.inventory("3.5.16", 3);
        ClusterView view = ClusterView.forming(inventory, "t");
        assertEquals(List.of("k8s1-etcd1=https://k8s1-etcd1.k8s.lan:2380", "k8s1-etcd2=https://k8s1-etcd2.k8s.lan:2380",
                "k8s1-etcd3=https://k8s1-etcd3.k8s.lan:2380"), view.initialCluster());
        assertEquals("new", view.initialClusterState().toString());
    }

    @Test
    void aJoiningNodeGetsTheCurrentMembersAndItself() {
        Inventory inventory = RenderFixtures.inventory("3.5.16", 3);
        ClusterView view = ClusterView.joining(List.of("k8s1-etcd1=https://k8s1-etcd1.k8s.lan:2380"),
                inventory.node("k8s1-etcd3"), inventory, "t");
        assertEquals(List.of("k8s1-etcd1=https://k8s1-etcd1.k8s.lan:2380", "k8s1-etcd3=https://k8s1-etcd3.k8s.lan:2380"),
                view.initialCluster());
        assertEquals("existing", view.initialClusterState().toString());
    }

    @Test
    void theDefaultTokenIsTheClusterNameAndTheCaFingerprint() throws Exception {
        Path pki = folder.resolve("pki");
        var inventory = new Inventory(RenderFixtures.inventory("3.5.16", 1).cluster(), null,
                new PkiSpec(pki, null, null), null,
                RenderFixtures.inventory("3.5.16", 1).nodes());
        new PkiGenerator().generate(inventory, Instant.now());
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pki.resolve("ca.crt"))));

        // the fingerprint as openssl computes it, independently
        String hex = Openssl.run("x509", "-in", pki.resolve("ca.crt").toString(), "-noout", "-fingerprint", "-sha256")
                .strip().replaceFirst(".*=", "").replace(":", "").toLowerCase(Locale.ROOT);

        assertEquals("k8s1-" + hex.substring(0, 8), ClusterView.defaultToken("k8s1", ca));
        // a later run keeps the CA, so the cluster keeps its token
        new PkiGenerator().generate(inventory, Instant.now().plus(Duration.ofDays(30)));
        X509Certificate later = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pki.resolve("ca.crt"))));
        assertEquals(ClusterView.defaultToken("k8s1", ca), ClusterView.defaultToken("k8s1", later), "stable");

        new PkiGenerator().generate(new Inventory(inventory.cluster(), null,
                new PkiSpec(folder.resolve("other"), null, null), null,
                inventory.nodes()), Instant.now());
        X509Certificate otherCa = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(folder.resolve("other/ca.crt"))));
        assertNotEquals(ClusterView.defaultToken("k8s1", ca), ClusterView.defaultToken("k8s1", otherCa),
                "a new CA makes a new token");
    }
}
