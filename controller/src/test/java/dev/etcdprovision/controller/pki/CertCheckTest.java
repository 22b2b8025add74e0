package dev.etcdprovision.controller.pki;

import static dev.etcdprovision.controller.pki.TestInventories.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.pki.CertCheck.Row;
import dev.etcdprovision.controller.pki.CertCheck.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertCheckTest {
    static final Instant NOW = PkiGeneratorTest.NOW;

    @TempDir
    Path pki;

    private Inventory generated() throws Exception {
        Inventory inventory = TestInventories.cluster(pki, KeyAlgorithm.ECDSA_P256, node(1));
        new PkiGenerator().generate(inventory, NOW);
        return inventory;
    }

    @Test
    void aFreshSetIsAllOkWithItsDaysAndNames() throws Exception {
        List<Row> rows = CertCheck.check(generated(), NOW.plus(Duration.ofDays(10)), 30);
        assertEquals(List.of("ca.crt", "nodes/k8s1-etcd1/server.crt", "nodes/k8s1-etcd1/peer.crt",
                "nodes/k8s1-etcd1/healthcheck-client.crt", "clients/admin.crt",
                "clients/kube-apiserver-etcd-client.crt"), rows.stream().map(Row::file).toList());
        assertTrue(rows.stream().allMatch(row -> row.status() == Status.OK), rows.toString());
        Row ca = rows.get(0);
        assertEquals("CN=k8s1-etcd-ca", ca.subject());
        assertEquals(3640L, ca.daysLeft());
        Row server = rows.get(1);
        assertEquals(720L, server.daysLeft());
        assertEquals(NOW.plus(Duration.ofDays(730)), server.notAfter());
        assertEquals(List.of("DNS:k8s1-etcd1", "DNS:k8s1-etcd1.k8s.lan", "DNS:localhost", "IP:127.0.0.1", "IP:::1"), server.sans());
        assertEquals("CN=kube-apiserver-etcd-client,O=system:masters", rows.get(5).subject());
    }

    @Test
    void theWarningPeriodDecidesBetweenRenewalDueAndExpiring() throws Exception {
        Inventory inventory = generated();
        Instant late = NOW.plus(Duration.ofDays(700));
        assertEquals(Status.RENEWAL_DUE, CertCheck.check(inventory, late, 29).get(1).status(), "30 days left");
        Row expiring = CertCheck.check(inventory, late, 30).get(1);
        assertEquals(Status.EXPIRING, expiring.status());
        assertTrue(expiring.status().needsAttention());
        assertEquals(Status.OK, CertCheck.check(inventory, late, 30).get(0).status(), "the CA has years left");
        Row expired = CertCheck.check(inventory, NOW.plus(Duration.ofDays(731)), 30).get(1);
        assertEquals(Status.EXPIRED, expired.status());
        assertEquals(-1L, expired.daysLeft());
    }

    @Test
    void missingAndMismatchedCertificatesNeedAttention() throws Exception {
        Inventory inventory = generated();
        Files.delete(pki.resolve("clients/admin.crt"));
        Files.delete(pki.resolve("clients/admin.key"));
        Inventory moved = TestInventories.withNode(inventory, new NodeSpec("k8s1-etcd1", "192.0.2.1", List.of()));

        Map<String, Row> rows = CertCheck.check(moved, NOW, 30).stream()
                .collect(Collectors.toMap(Row::file, row -> row));

        Row admin = rows.get("clients/admin.crt");
        assertEquals(Status.MISSING, admin.status());
        assertNull(admin.notAfter());
        Row server = rows.get("nodes/k8s1-etcd1/server.crt");
        assertEquals(Status.MISMATCH, server.status());
        assertTrue(server.detail().startsWith("its SANs differ (wanted IP:192.0.2.1"), server.detail());
        assertEquals(Status.OK, rows.get("nodes/k8s1-etcd1/healthcheck-client.crt").status());
    }

    @Test
    void withoutACaEveryCertificateIsInDoubt() throws Exception {
        Inventory inventory = generated();
        Files.delete(pki.resolve("ca.key"));
        List<Row> rows = CertCheck.check(inventory, NOW, 30);
        assertEquals(Status.MISMATCH, rows.get(0).status());
        assertEquals("ca.key is missing", rows.get(0).detail());
        assertEquals("no usable CA to check it against", rows.get(1).detail());
    }
}
