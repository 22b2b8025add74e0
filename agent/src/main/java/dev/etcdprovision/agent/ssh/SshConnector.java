package dev.etcdprovision.agent.ssh;

import dev.etcdprovision.agent.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * What the connections of one run share: the algorithm configuration (built once), the threads
 * that read command output and close abandoned channels, the loaded identity files and one
 * {@link KnownHostsFile} per known_hosts path (so that parallel connections append in turn).
 */
final class SshConnector implements AutoCloseable {
    private final Config config = SshAlgorithms.config();
    private final ExecutorService readers = Executors.newCachedThreadPool(daemonThreads("ssh-read"));
    private final ExecutorService closer = Executors.newCachedThreadPool(daemonThreads("ssh-close"));
    private final Map<Path, KnownHostsFile> knownHosts = new ConcurrentHashMap<>();
    private final Map<Path, Supplier<AuthMethod>> identities = new ConcurrentHashMap<>();
    private final Optional<SshAgent> agent;

    /** With the ssh-agent that {@code SSH_AUTH_SOCK} names, if any. */
    SshConnector() {
        this(SshAgent.fromEnvironment());
    }

    SshConnector(Optional<SshAgent> agent) {
        this.agent = agent;
    }

    /** A connected, authenticated client, or a {@link HostException} that says why not and what to do. */
    SSHClient open(SshSettings settings) {
        KnownHostsFile file = knownHosts.computeIfAbsent(settings.knownHostsFile().toAbsolutePath(),
                KnownHostsFile::new);
        HostKeyCheck hostKeyCheck = readKnownHosts(settings, file);
        SSHClient client = new SSHClient(config);
        client.setConnectTimeout(millis(settings.connectTimeout()));
        // The socket's read timeout: it bounds the handshake with a host that accepts connections
        // but never answers. Once connected, sshj's reader ignores it (an idle connection or a
        // quiet command is no failure; SshHostIT checks both).
        client.setTimeout(millis(settings.connectTimeout()));
        client.addHostKeyVerifier(hostKeyCheck);
        try {
            Supplier<AuthMethod> identity = identity(settings, client);
            client.connect(settings.address(), settings.port());
            client.auth(settings.user(), identity.get());
            return client;
        } catch (IOException | RuntimeException e) {
            SshHost.closeQuietly(client);
            throw e instanceof HostException failure ? failure : ConnectFailure.explain(settings, hostKeyCheck, e);
        }
    }

    /** Reads a command's output to its end; fails once these connections are closed. */
    Future<byte[]> read(InputStream stream) {
        try {
            return readers.submit(stream::readAllBytes);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new IOException("the connections were closed"));
        }
    }

    /** Closes in the background what may take long to close (a channel the host does not end). */
    void closeLater(AutoCloseable closeable) {
        try {
            closer.execute(() -> SshHost.closeQuietly(closeable));
        } catch (RejectedExecutionException closed) {
            SshHost.closeQuietly(closeable); // its connection is closed too: nothing to wait for
        }
    }

    private static HostKeyCheck readKnownHosts(SshSettings settings, KnownHostsFile file) {
        if (settings.hostKeyPolicy() == HostKeyPolicy.STRICT && !Files.isRegularFile(file.path())) {
            throw ConnectFailure.of(settings, "the known_hosts file " + file.path() + " does not exist",
                    "create it with the hosts' keys (ssh-keyscan -t ed25519 " + settings.address() + " >> "
                            + file.path() + ", after checking the fingerprints), or re-run with --accept-new-host-keys",
                    null);
        }
        try {
            return new HostKeyCheck(file, settings.hostKeyPolicy());
        } catch (IOException e) {
            throw ConnectFailure.of(settings, "cannot read the known_hosts file " + file.path()
                    + ": " + e.getMessage(), "check the file's path and permissions", e);
        }
    }

    /**
     * How to authenticate with the settings' identity file: its key, or, when a passphrase
     * protects the file, ssh-agent signing with the same key. Loaded once per file.
     */
    private Supplier<AuthMethod> identity(SshSettings settings, SSHClient client) {
        Path file = settings.identityFile().toAbsolutePath();
        Supplier<AuthMethod> loaded = identities.get(file);
        if (loaded != null) {
            return loaded;
        }
        if (!Files.isReadable(file)) {
            throw ConnectFailure.of(settings, "cannot read the identity file " + file,
                    "check the path of the SSH private key and that this user may read it", null);
        }
        IdentityFile identity;
        try {
            identity = IdentityFile.read(file);
        } catch (IOException e) {
            throw unloadable(settings, file, e);
        }
        Supplier<AuthMethod> method = identity.encrypted() ? throughAgent(settings, identity)
                : fromFile(settings, client, file);
        identities.put(file, method);
        return method;
    }

    private static Supplier<AuthMethod> fromFile(SshSettings settings, SSHClient client, Path file) {
        try {
            KeyProvider keys = client.loadKeys(file.toString());
            keys.getPrivate(); // parse now, so that a bad key fails here and not inside authentication
            return () -> new AuthPublickey(keys);
        } catch (IOException | RuntimeException e) {
            throw unloadable(settings, file, e);
        }
    }

    /** ssh-agent's signatures with the key of a passphrase-protected identity file; refused when it lacks it. */
    private Supplier<AuthMethod> throughAgent(SshSettings settings, IdentityFile identity) {
        Path file = identity.path();
        byte[] publicKey = identity.publicKeyBlob().orElseThrow(() -> HostException.of(settings.id(), "connect",
                "the identity file " + file + " is protected by a passphrase and there is no " + file + ".pub beside it"
                        + " to tell its key", "put its public key at " + file + ".pub (ssh-keygen -y -f " + file
                        + " > " + file + ".pub) and load the key into ssh-agent (ssh-add " + file + ")", null));
        SshAgent signer = agent.orElseThrow(() -> ConnectFailure.of(settings, "the identity file " + file
                + " is protected by a passphrase and no ssh-agent is reachable (SSH_AUTH_SOCK is not set)",
                "start ssh-agent and load the key (eval \"$(ssh-agent)\"; ssh-add " + file + "), or use a key"
                        + " without a passphrase", null));
        try {
            if (!signer.holds(publicKey)) {
                throw ConnectFailure.of(settings, "the identity file " + file + " is protected by a"
                        + " passphrase and ssh-agent (" + signer.socket() + ") does not hold its key",
                        "load it: ssh-add " + file, null);
            }
        } catch (IOException e) {
            throw ConnectFailure.of(settings, "the identity file " + file + " is protected by a"
                    + " passphrase and ssh-agent (" + signer.socket() + ") cannot be asked: " + e.getMessage(),
                    "check that ssh-agent runs and SSH_AUTH_SOCK names its socket", e);
        }
        return () -> new AgentPublickeyAuth(signer, publicKey);
    }

    private static HostException unloadable(SshSettings settings, Path file, Exception e) {
        return ConnectFailure.of(settings, "cannot load the identity file " + file + ": "
                + e.getMessage(), "use an ed25519, ECDSA or RSA private key in OpenSSH or PEM format; one with a"
                + " passphrase must be loaded into ssh-agent (ssh-add)", e);
    }

    @Override
    public void close() {
        readers.shutdownNow();
        closer.shutdown();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
