package dev.etcdprovision.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an identity file tells before decryption, from keys ssh-keygen makes. */
class IdentityFileTest {
    @TempDir
    Path dir;

    @Test
    void anOpenSshKeyTellsWhetherItIsEncryptedAndItsPublicKeyWithoutThePubFile() throws Exception {
        Path plain = keygen("plain", "ed25519", "", null);
        Path protectedKey = keygen("protected", "ed25519", "a passphrase", null);
        byte[] expected = publicKey(protectedKey);
        Files.delete(Path.of(protectedKey + ".pub"));

        assertFalse(IdentityFile.read(plain).encrypted());
        IdentityFile identity = IdentityFile.read(protectedKey);
        assertTrue(identity.encrypted());
        assertArrayEquals(expected, identity.publicKeyBlob().orElseThrow());
        assertEquals("ssh-ed25519", IdentityFile.keyType(expected));
    }

    @Test
    void aPemKeyIsKnownEncryptedAndItsPublicKeyComesFromThePubFile() throws Exception {
        Path protectedKey = keygen("pem", "rsa", "a passphrase", "PEM");
        IdentityFile identity = IdentityFile.read(protectedKey);
        assertTrue(identity.encrypted());
        assertArrayEquals(publicKey(protectedKey), identity.publicKeyBlob().orElseThrow());
        assertEquals("ssh-rsa", IdentityFile.keyType(identity.publicKeyBlob().orElseThrow()));

        Files.delete(Path.of(protectedKey + ".pub"));
        assertTrue(IdentityFile.read(protectedKey).publicKeyBlob().isEmpty(), "nothing tells its key");
        assertFalse(IdentityFile.read(keygen("pem-plain", "rsa", "", "PEM")).encrypted());
    }

    @Test
    void aDamagedOpenSshKeyIsAnError() throws IOException {
        Path damaged = Files.writeString(dir.resolve("damaged"), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString("openssh-key-v1\0\0\0\1".getBytes())
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
        assertThrows(IOException.class, () -> IdentityFile.read(damaged));
    }

    private Path keygen(String name, String type, String passphrase, String format) throws Exception {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", name,
                "-f", key.toString()));
        if (format != null) {
            command.addAll(List.of("-m", format));
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "ssh-keygen " + command);
        return key;
    }

    private static byte[] publicKey(Path key) throws IOException {
        return Base64.getDecoder().decode(Files.readString(Path.of(key + ".pub")).split(" ")[1]);
    }
}
