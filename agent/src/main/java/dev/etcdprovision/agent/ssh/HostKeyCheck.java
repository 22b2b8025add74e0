package dev.etcdprovision.agent.ssh;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Checks one connection's host key against known_hosts and remembers what it saw, so that a
 * refusal can be explained (unknown or changed, with the offered key's fingerprint). A changed key
 * is refused under every policy; an unknown one is added under {@link HostKeyPolicy#ACCEPT_NEW}.
 */
final class HostKeyCheck extends OpenSSHKnownHosts {
    /** What the check found, for the message of a refused connection. */
    enum Outcome { NOT_CHECKED, KNOWN, UNKNOWN, ACCEPTED_NEW, CHANGED }

    private final KnownHostsFile file;
    private final HostKeyPolicy policy;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile Optional<OfferedKey> offered = Optional.empty();

    /** The key the server offered: its type and OpenSSH-style SHA256 fingerprint. */
    record OfferedKey(String type, String fingerprint) {}

    HostKeyCheck(KnownHostsFile file, HostKeyPolicy policy) throws IOException {
        super(file.path().toFile());
        this.file = file;
        this.policy = policy;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        offered = Optional.of(new OfferedKey(KeyType.fromKey(key).toString(), fingerprint(key)));
        boolean verified = super.verify(hostname, port, key);
        if (verified && outcome == Outcome.NOT_CHECKED) {
            outcome = Outcome.KNOWN;
        }
        return verified;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (policy != HostKeyPolicy.ACCEPT_NEW) {
            outcome = Outcome.UNKNOWN;
            return false;
        }
        try {
            file.append(hostname + " " + KeyType.fromKey(key) + " "
                    + Base64.getEncoder().encodeToString(blob(key)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the host key of " + hostname + " to " + file.path(), e);
        }
        outcome = Outcome.ACCEPTED_NEW;
        return true;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        outcome = Outcome.CHANGED;
        return false;
    }

    Outcome outcome() {
        return outcome;
    }

    Optional<OfferedKey> offered() {
        return offered;
    }

    File knownHostsFile() {
        return file.path().toFile();
    }

    /** As {@code ssh-keygen -l} prints it: SHA256:base64 without padding. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
