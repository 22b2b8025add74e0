package dev.etcdprovision.agent.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * What an identity file says before it is decrypted: whether a passphrase protects it, and which
 * public key it holds, so that ssh-agent can be asked to sign with that very key. The public key
 * comes from the file itself (OpenSSH's format keeps it in clear) or from {@code FILE.pub} beside
 * it (PEM and PKCS#8 files).
 */
record IdentityFile(Path path, boolean encrypted, Optional<byte[]> publicKeyBlob) {
    private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    static IdentityFile read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.ISO_8859_1);
        Optional<byte[]> besideIt = publicKeyFile(Path.of(path + ".pub"));
        int begin = text.indexOf(OPENSSH_BEGIN);
        int end = text.indexOf(OPENSSH_END);
        if (begin >= 0 && end > begin) {
            String body = text.substring(begin + OPENSSH_BEGIN.length(), end).replaceAll("\\s", "");
            return openssh(path, Base64.getDecoder().decode(body), besideIt);
        }
        boolean encrypted = text.contains("Proc-Type: 4,ENCRYPTED") || text.contains("BEGIN ENCRYPTED PRIVATE KEY");
        return new IdentityFile(path, encrypted, besideIt);
    }

    /** openssh-key-v1: magic, cipher name, KDF name, KDF options, key count, then each public key in clear. */
    private static IdentityFile openssh(Path path, byte[] decoded, Optional<byte[]> besideIt) throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(decoded);
            byte[] magic = new byte[OPENSSH_MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, OPENSSH_MAGIC)) {
                throw new IOException("not an OpenSSH private key");
            }
            String cipher = new String(SshWire.string(in), StandardCharsets.US_ASCII);
            SshWire.string(in); // KDF name
            SshWire.string(in); // KDF options
            int keys = in.getInt();
            Optional<byte[]> publicKey = keys >= 1 ? Optional.of(SshWire.string(in)) : besideIt;
            return new IdentityFile(path, !cipher.equals("none"), publicKey);
        } catch (RuntimeException e) {
            throw new IOException("a damaged OpenSSH private key", e);
        }
    }

    /** The key of an OpenSSH public key line ({@code type base64 comment}), if that file is there. */
    private static Optional<byte[]> publicKeyFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] fields = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+");
        try {
            return fields.length >= 2 ? Optional.of(Base64.getDecoder().decode(fields[1])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The key type a public key blob starts with: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa... */
    static String keyType(byte[] publicKeyBlob) {
        return new String(SshWire.string(ByteBuffer.wrap(publicKeyBlob)), StandardCharsets.US_ASCII);
    }
}
