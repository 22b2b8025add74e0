package dev.etcdprovision.controller.pki;

import static dev.etcdprovision.controller.pki.TestInventories.node;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.inventory.PkiSpec;
import dev.etcdprovision.controller.pki.PkiReport.Action;
import dev.etcdprovision.controller.pki.PkiReport.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PkiGeneratorTest {
    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    @TempDir
    Path folder;

    private Path pki() {
        return folder.resolve("pki");
    }

    private static PkiReport generate(Inventory inventory, Instant now) throws Exception {
        return new PkiGenerator().generate(inventory, now);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_2048"})
    void opensslAcceptsTheCaAndEveryCertificate(KeyAlgorithm algorithm) throws Exception {
        NodeSpec ipNode = new NodeSpec("k8s1-etcd3", "192.0.2.13", List.of("etcd3.k8s.lan", "2001:db8::13"));
        Inventory inventory = TestInventories.cluster(pki(), algorithm, node(1), node(2), ipNode);
        PkiReport report = generate(inventory, NOW);
        assertEquals(1 + 3 * 3 + 2, report.count(Action.CREATED));

        Path ca = pki().resolve("ca.crt");
        String caText = Openssl.text(ca);
        assertEquals("subject=CN=k8s1-etcd-ca", Openssl.subject(ca));
        assertTrue(caText.contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0"), caText);
        assertTrue(caText.contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign"), caText);
        assertTrue(caText.contains("X509v3 Subject Key Identifier"), caText);
        assertEquals(Duration.ofDays(3650).plusMinutes(5), validity(ca));

        String keyUsage = algorithm == KeyAlgorithm.RSA_2048 ? "Digital Signature, Key Encipherment" : "Digital Signature";
        String publicKey = algorithm == KeyAlgorithm.RSA_2048 ? "Public-Key: (2048 bit)" : "NIST CURVE: P-256";
        for (CertSpec spec : CertSpecs.forInventory(inventory)) {
            Path certificate = pki().resolve(spec.name() + ".crt");
            Path key = pki().resolve(spec.name() + ".key");
            assertEquals(certificate + ": OK", Openssl.verify(ca, certificate));
            String text = Openssl.text(certificate);
            assertTrue(text.contains("X509v3 Key Usage: critical\n                " + keyUsage + "\n"), text);
            assertTrue(text.contains(publicKey), text);
            assertTrue(text.contains("X509v3 Basic Constraints: critical\n                CA:FALSE"), text);
            assertTrue(text.contains("X509v3 Authority Key Identifier"), text);
            assertEquals(Openssl.publicKeyOfCertificate(certificate), Openssl.publicKeyOfKey(key),
                    spec.name() + ": the key file holds the certificate's key");
            assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8: " + key);
            assertEquals(Duration.ofDays(730).plusMinutes(5), validity(certificate));
        }

        String server = Openssl.text(pki().resolve("nodes/k8s1-etcd1/server.crt"));
        assertEquals("subject=CN=k8s1-etcd1", Openssl.subject(pki().resolve("nodes/k8s1-etcd1/server.crt")));
        assertTrue(server.contains("TLS Web Server Authentication, TLS Web Client Authentication"), server);
        assertTrue(server.contains("X509v3 Subject Alternative Name: \n                DNS:k8s1-etcd1,"
                + " DNS:k8s1-etcd1.k8s.lan, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1\n"), server);
        String peer = Openssl.text(pki().resolve("nodes/k8s1-etcd3/peer.crt"));
        assertTrue(peer.contains("TLS Web Server Authentication, TLS Web Client Authentication"), peer);
        assertTrue(peer.contains("DNS:k8s1-etcd3, IP Address:192.0.2.13, DNS:etcd3.k8s.lan,"
                + " IP Address:2001:DB8:0:0:0:0:0:13, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1\n"),
                "an IP address is an IP SAN, a name a DNS SAN: " + peer);

        for (String client : List.of("clients/admin", "clients/kube-apiserver-etcd-client",
                "nodes/k8s1-etcd2/healthcheck-client")) {
            String text = Openssl.text(pki().resolve(client + ".crt"));
            assertTrue(text.contains("X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n"),
                    client + " is for clients only: " + text);
            assertFalse(text.contains("Subject Alternative Name"), client + ": " + text);
        }
        assertEquals("subject=CN=kube-apiserver-etcd-client,O=system:masters",
                Openssl.subject(pki().resolve("clients/kube-apiserver-etcd-client.crt")));
        assertEquals("subject=CN=k8s1-etcd2-healthcheck-client",
                Openssl.subject(pki().resolve("nodes/k8s1-etcd2/healthcheck-client.crt")));
    }

    @Test
    void rsa4096IsSelectable() throws Exception {
        Inventory inventory = TestInventories.cluster(pki(), KeyAlgorithm.RSA_4096, node(1));
        generate(inventory, NOW);
        assertTrue(Openssl.text(pki().resolve("nodes/k8s1-etcd1/peer.crt")).contains("Public-Key: (4096 bit)"));
        assertTrue(Openssl.text(pki().resolve("ca.crt")).contains("Public-Key: (4096 bit)"));
    }

    @Test
    void keysArePrivateCertificatesReadableFoldersClosed() throws Exception {
        generate(TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256), NOW);
        try (Stream<Path> files = Files.walk(pki())) {
            for (Path path : files.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                String name = path.getFileName().toString();
                String expected = Files.isDirectory(path) ? "rwx------" : name.endsWith(".key") ? "rw-------"
                        : "rw-r--r--";
                assertEquals(expected, mode, path.toString());
                assertTrue(Files.isDirectory(path) || name.endsWith(".key") || name.endsWith(".crt"),
                        "no temporary file is left behind: " + path);
            }
        }
    }

    @Test
    void aSecondRunChangesNoFile() throws Exception {
        Inventory inventory = TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256);
        generate(inventory, NOW);
        Map<Path, String> before = snapshot();

        PkiReport again = generate(inventory, NOW.plus(Duration.ofDays(30)));

        assertEquals(again.outcomes().size(), again.count(Action.REUSED), again.toString());
        assertFalse(again.changed());
        assertEquals(before, snapshot(), "same content and modification time");
    }

    @Test
    void changingOneAddressReissuesOnlyThatNodesServerAndPeerCertificates() throws Exception {
        Inventory inventory = TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256);
        generate(inventory, NOW);
        Map<Path, String> before = snapshot();

        Inventory moved = TestInventories.withNode(inventory, new NodeSpec("k8s1-etcd2", "192.0.2.22", List.of()));
        PkiReport report = generate(moved, NOW);

        assertEquals(Map.of("nodes/k8s1-etcd2/server", Action.REISSUED, "nodes/k8s1-etcd2/peer", Action.REISSUED),
                changed(report));
        Outcome server = report.outcomes().stream().filter(o -> o.name().equals("nodes/k8s1-etcd2/server"))
                .findFirst().orElseThrow();
        assertEquals("its SANs differ (wanted IP:192.0.2.22; no longer DNS:k8s1-etcd2.k8s.lan)", server.reason());
        Map<Path, String> after = snapshot();
        List<String> rewritten = before.keySet().stream().filter(file -> !before.get(file).equals(after.get(file)))
                .map(file -> pki().relativize(file).toString()).sorted().toList();
        assertEquals(List.of("nodes/k8s1-etcd2/peer.crt", "nodes/k8s1-etcd2/peer.key", "nodes/k8s1-etcd2/server.crt",
                "nodes/k8s1-etcd2/server.key"), rewritten);
        assertTrue(Openssl.text(pki().resolve("nodes/k8s1-etcd2/server.crt")).contains("IP Address:192.0.2.22"));
    }

    @Test
    void assessingSaysWhatGenerateWouldDoAndWritesNothing() throws Exception {
        Inventory inventory = TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256);
        PkiReport fresh = new PkiGenerator().assess(inventory, NOW);
        assertEquals(fresh.outcomes().size(), fresh.count(Action.CREATED), fresh.toString());
        assertFalse(Files.exists(pki()), "assessing a new PKI creates no folder");

        generate(inventory, NOW);
        Map<Path, String> before = snapshot();
        Inventory moved = TestInventories.withNode(inventory, new NodeSpec("k8s1-etcd2", "192.0.2.22", List.of()));
        PkiReport assessed = new PkiGenerator().assess(moved, NOW);

        assertEquals(Map.of("nodes/k8s1-etcd2/server", Action.REISSUED, "nodes/k8s1-etcd2/peer", Action.REISSUED),
                changed(assessed));
        assertEquals(before, snapshot(), "nothing written");
        assertEquals(changed(assessed), changed(generate(moved, NOW)), "generate then does what was assessed");
    }

    @Test
    void aNewNodeGetsItsCertificatesAndNothingElseChanges() throws Exception {
        Inventory one = TestInventories.cluster(pki(), KeyAlgorithm.ECDSA_P256, node(1));
        generate(one, NOW);
        PkiReport report = generate(TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256), NOW);
        assertEquals(6, report.count(Action.CREATED));
        assertEquals(0, report.count(Action.REISSUED));
    }

    @Test
    void certificatesAreRenewedWhenLessThanAThirdOfTheirLifetimeIsLeft() throws Exception {
        Inventory inventory = TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256);
        generate(inventory, NOW);
        // 730 days of life: kept with 244 days left, renewed with 243
        assertFalse(generate(inventory, NOW.plus(Duration.ofDays(486))).changed());
        PkiReport late = generate(inventory, NOW.plus(Duration.ofDays(487)));
        assertEquals(11, late.count(Action.REISSUED));
        assertEquals(Action.REUSED, late.outcomes().get(0).action(), "the CA stays");
        assertTrue(late.outcomes().get(1).reason().matches("it expires in 24[23] days, less than a third of its"
                + " lifetime of 730 days"), late.outcomes().get(1).reason());
    }

    @Test
    void anotherKeyAlgorithmReissuesEveryLeafButKeepsTheCa() throws Exception {
        Inventory inventory = TestInventories.cluster(pki(), KeyAlgorithm.ECDSA_P256, node(1));
        generate(inventory, NOW);
        String ca = Files.readString(pki().resolve("ca.crt"));
        PkiReport report = generate(TestInventories.withPki(inventory, new PkiSpec(pki(), KeyAlgorithm.RSA_2048, null)),
                NOW);
        assertEquals(5, report.count(Action.REISSUED));
        assertEquals("its key is ecdsa-p256, the inventory asks for rsa-2048", report.outcomes().get(1).reason());
        assertEquals(ca, Files.readString(pki().resolve("ca.crt")));
        assertEquals(pki().resolve("nodes/k8s1-etcd1/server.crt") + ": OK",
                Openssl.verify(pki().resolve("ca.crt"), pki().resolve("nodes/k8s1-etcd1/server.crt")));
    }

    @Test
    void damagedOrForeignFilesAreReissuedWithTheReason() throws Exception {
        Inventory inventory = TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256);
        generate(inventory, NOW);
        Path other = folder.resolve("other-pki");
        generate(TestInventories.threeNodes(other, KeyAlgorithm.ECDSA_P256), NOW);
        Files.copy(other.resolve("clients/admin.crt"), pki().resolve("clients/admin.crt"),
                REPLACE_EXISTING);
        Files.copy(other.resolve("clients/admin.key"), pki().resolve("clients/admin.key"),
                REPLACE_EXISTING);
        Files.writeString(pki().resolve("nodes/k8s1-etcd1/peer.key"), "garbage\n");
        Files.delete(pki().resolve("nodes/k8s1-etcd2/server.crt"));
        Files.copy(pki().resolve("nodes/k8s1-etcd3/peer.key"), pki().resolve("nodes/k8s1-etcd3/server.key"),
                REPLACE_EXISTING);

        PkiReport report = generate(inventory, NOW);

        assertEquals(Map.of(
                "clients/admin", "it was not issued by this CA",
                "nodes/k8s1-etcd1/peer", "nodes/k8s1-etcd1/peer.key holds no unencrypted PEM private key",
                "nodes/k8s1-etcd2/server", "nodes/k8s1-etcd2/server.crt is missing",
                "nodes/k8s1-etcd3/server", "its key file holds another key"),
                report.outcomes().stream().filter(outcome -> outcome.action() == Action.REISSUED)
                        .collect(Collectors.toMap(Outcome::name, Outcome::reason)));
        assertFalse(generate(inventory, NOW).changed(), "repaired: the next run keeps everything");
    }

    @Test
    void certificatesWithoutTheCaKeyStopWithAClearErrorAndTouchNothing() throws Exception {
        Inventory inventory = TestInventories.threeNodes(pki(), KeyAlgorithm.ECDSA_P256);
        generate(inventory, NOW);
        Files.delete(pki().resolve("ca.key"));
        Map<Path, String> before = snapshot();

        PkiException missing = assertThrows(PkiException.class, () -> generate(inventory, NOW));

        assertTrue(missing.getMessage().startsWith("the CA in " + pki() + " is not usable: ca.key is missing."
                + " Restore ca.crt and ca.key from a backup."), missing.getMessage());
        assertEquals(before, snapshot());

        Files.delete(pki().resolve("ca.crt"));
        PkiException bothMissing = assertThrows(PkiException.class, () -> generate(inventory, NOW));
        assertTrue(bothMissing.getMessage().contains("holds certificates but no CA"), bothMissing.getMessage());
    }

    @Test
    void aCaKeyThatIsNotTheCertificatesKeyIsAnError() throws Exception {
        Inventory inventory = TestInventories.cluster(pki(), KeyAlgorithm.ECDSA_P256, node(1));
        generate(inventory, NOW);
        generate(TestInventories.cluster(folder.resolve("other"), KeyAlgorithm.ECDSA_P256, node(1)), NOW);
        Files.copy(folder.resolve("other/ca.key"), pki().resolve("ca.key"),
                REPLACE_EXISTING);
        PkiException mismatch = assertThrows(PkiException.class, () -> generate(inventory, NOW));
        assertEquals(pki().resolve("ca.key") + " is not the key of " + pki().resolve("ca.crt")
                + "; restore the pair from a backup", mismatch.getMessage());
    }

    @Test
    void anExpiredCaIsAnErrorNotAReplacement() throws Exception {
        Inventory inventory = TestInventories.cluster(pki(), KeyAlgorithm.ECDSA_P256, node(1));
        generate(inventory, NOW);
        PkiException expired = assertThrows(PkiException.class,
                () -> generate(inventory, NOW.plus(Duration.ofDays(3651))));
        assertTrue(expired.getMessage().contains("expired on"), expired.getMessage());
    }

    @Test
    void leafCertificatesNeverOutliveTheCa() throws Exception {
        Inventory inventory = TestInventories.cluster(pki(), KeyAlgorithm.ECDSA_P256, node(1));
        generate(inventory, NOW);
        Instant late = NOW.plus(Duration.ofDays(3400));
        generate(inventory, late);
        String caEnd = Openssl.run("x509", "-in", pki().resolve("ca.crt").toString(), "-noout", "-enddate");
        String leafEnd = Openssl.run("x509", "-in", pki().resolve("clients/admin.crt").toString(), "-noout", "-enddate");
        assertEquals(caEnd, leafEnd);
    }

    private static Duration validity(Path certificate) throws Exception {
        var x509 = Pem.readCertificate(Files.readAllBytes(certificate));
        return Duration.between(x509.getNotBefore().toInstant(), x509.getNotAfter().toInstant());
    }

    private static Map<String, Action> changed(PkiReport report) {
        return report.outcomes().stream().filter(outcome -> outcome.action() != Action.REUSED)
                .collect(Collectors.toMap(Outcome::name, Outcome::action));
    }

    /** Every file with its content and modification time. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(pki())) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                FileTime modified = Files.getLastModifiedTime(path);
                files.put(path, modified + " " + Files.readString(path));
            }
        }
        return files;
    }
}
