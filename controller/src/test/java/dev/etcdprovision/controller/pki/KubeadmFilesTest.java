package dev.etcdprovision.controller.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kube-apiserver's files for kubeadm: copied from the PKI folder under kubeadm's names, the key private. */
class KubeadmFilesTest {
    @TempDir
    Path folder;

    @Test
    void theCaAndTheKubeApiserverPairAreWrittenUnderKubeadmsNamesAndChainToTheCa() throws Exception {
        Inventory inventory = TestInventories.threeNodes(folder.resolve("pki"), KeyAlgorithm.ECDSA_P256);
        new PkiGenerator().generate(inventory, Instant.now());
        PkiLayout pki = new PkiLayout(inventory.pki().dir());
        Path dir = folder.resolve("out/kubeadm");

        List<Path> written = KubeadmFiles.write(pki, dir);

        assertEquals(List.of(dir.resolve("etcd/ca.crt"), dir.resolve("apiserver-etcd-client.crt"),
                dir.resolve("apiserver-etcd-client.key")), written);
        String client = PkiLayout.clientCertName(PkiLayout.ClientCert.KUBE_APISERVER);
        assertArrayEquals(Files.readAllBytes(pki.caCertificate()), Files.readAllBytes(written.get(0)));
        assertArrayEquals(Files.readAllBytes(pki.key(client)), Files.readAllBytes(written.get(2)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(2))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(1))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(written.get(1) + ": OK", Openssl.verify(written.get(0), written.get(1)));
        assertTrue(Openssl.subject(written.get(1)).contains("O=system:masters"), Openssl.subject(written.get(1)));

        // again, over a damaged copy with a loose mode: the same content and modes, replaced in place
        Files.writeString(written.get(2), "damaged");
        Files.setPosixFilePermissions(written.get(2), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(written, KubeadmFiles.write(pki, dir));
        assertArrayEquals(Files.readAllBytes(pki.key(client)), Files.readAllBytes(written.get(2)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(2))));
    }

    @Test
    void withoutTheCertificatesItSaysToMakeThemFirst() throws Exception {
        Inventory inventory = TestInventories.threeNodes(folder.resolve("pki"), KeyAlgorithm.ECDSA_P256);
        PkiException error = assertThrows(PkiException.class,
                () -> KubeadmFiles.write(new PkiLayout(inventory.pki().dir()), folder.resolve("kubeadm")));
        assertTrue(error.getMessage().endsWith("does not exist: run `etcd-provision certs generate` (or apply) first"),
                error.getMessage());
    }
}
