package dev.etcdprovision.agent.ssh;

import dev.etcdprovision.agent.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

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
    private final Map<Path, KeyProvider> identities = new ConcurrentHashMap<>();

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
            KeyProvider identity = identity(settings, client);
            client.connect(settings.address(), settings.port());
            client.authPublickey(settings.user(), identity);
            return client;
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
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
            throw HostException.of(settings.id(), "connect", "the known_hosts file " + file.path() + " does not exist",
                    "create it with the hosts' keys (ssh-keyscan -t ed25519 " + settings.address() + " >> "
                            + file.path() + ", after checking the fingerprints), or re-run with --accept-new-host-keys",
                    null);
        }
        try {
            return new HostKeyCheck(file, settings.hostKeyPolicy());
        } catch (IOException e) {
            throw HostException.of(settings.id(), "connect", "cannot read the known_hosts file " + file.path()
                    + ": " + e.getMessage(), "check the file's path and permissions", e);
        }
    }

    private KeyProvider identity(SshSettings settings, SSHClient client) {
        Path file = settings.identityFile().toAbsolutePath();
        KeyProvider loaded = identities.get(file);
        if (loaded != null) {
            return loaded;
        }
        if (!Files.isReadable(file)) {
            throw HostException.of(settings.id(), "connect", "cannot read the identity file " + file,
                    "check the path of the SSH private key and that this user may read it", null);
        }
        try {
            KeyProvider keys = client.loadKeys(file.toString());
            keys.getPrivate(); // parse now, so that a bad key fails here and not inside authentication
            identities.put(file, keys);
            return keys;
        } catch (IOException | RuntimeException e) {
            throw HostException.of(settings.id(), "connect", "cannot load the identity file " + file + ": "
                    + e.getMessage(), "use an ed25519, ECDSA or RSA private key without a passphrase, in OpenSSH or"
                    + " PEM format", e);
        }
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

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // a client that failed to connect has nothing left to close cleanly
        }
    }
}
