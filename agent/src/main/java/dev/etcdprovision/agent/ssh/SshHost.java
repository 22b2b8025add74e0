package dev.etcdprovision.agent.ssh;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.HostId;
import dev.etcdprovision.agent.Shell;
import dev.etcdprovision.agent.Stdin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * A host over one SSH connection, shared by every command. At most {@link #MAX_SESSIONS}
 * commands run at once on it (OpenSSH allows 10 sessions per connection; the rest is margin).
 * A connection found dead is opened again before the next command.
 */
public final class SshHost implements Host, AutoCloseable {
    static final int MAX_SESSIONS = 8;
    /** How long after its timeout a command may take to report that the host stopped it. */
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final int TIMED_OUT = 124;
    private static final int KILLED_AFTER_TIMEOUT = 137;
    private static final int OPEN_ATTEMPTS = 20;
    private static final String SUDO_PASSWORD_HINT =
            "give %s passwordless sudo (a NOPASSWD rule in /etc/sudoers.d/), or connect as root";

    private final SshSettings settings;
    private final SshConnector connector;
    private final Semaphore sessions = new Semaphore(MAX_SESSIONS, true);
    private SSHClient client;
    private boolean closed;

    SshHost(SshSettings settings, SshConnector connector, SSHClient client) {
        this.settings = settings;
        this.connector = connector;
        this.client = client;
    }

    @Override
    public HostId id() {
        return settings.id();
    }

    @Override
    public CommandResult run(Command command) {
        try {
            sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HostException.during(id(), command, "interrupted", "", e);
        }
        try {
            CommandResult result = exec(command);
            refuseSudoPasswordPrompt(command, result);
            return result;
        } finally {
            sessions.release();
        }
    }

    private CommandResult exec(Command command) {
        long started = System.nanoTime();
        long deadline = started + command.timeout().plus(GRACE).toNanos();
        Session session = startSession(command);
        boolean ended = false;
        try {
            Session.Command running = session.exec(commandLine(command));
            Future<byte[]> stdout = connector.read(running.getInputStream());
            Future<byte[]> stderr = connector.read(running.getErrorStream());
            // A command may end before reading all its input (a script that refuses to write):
            // its exit status and stderr then say more than the broken pipe.
            Optional<IOException> stdinFailure = writeStdin(session, running.getOutputStream(), command.stdin());
            byte[] out = await(stdout, deadline);
            byte[] err = await(stderr, deadline);
            running.join(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            Integer status = running.getExitStatus();
            if (status == null) {
                String why = running.getExitSignal() != null
                        ? "the command was killed by signal " + running.getExitSignal()
                        : "the connection ended before the command did"
                                + stdinFailure.map(e -> " (" + causeText(e) + ")").orElse("");
                throw HostException.during(id(), command, why, rerunHint(), stdinFailure.orElse(null));
            }
            ended = true;
            boolean stoppedByHost = (status == TIMED_OUT || status == KILLED_AFTER_TIMEOUT)
                    && System.nanoTime() - started >= command.timeout().toNanos();
            if (stoppedByHost) {
                throw timeout(command, null);
            }
            return new CommandResult(status, utf8(out), utf8(err));
        } catch (TimeoutException e) {
            throw timeout(command, e);
        } catch (IOException | ExecutionException e) {
            throw HostException.during(id(), command, "the SSH connection was lost: " + causeText(e), rerunHint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HostException.during(id(), command, "interrupted", "", e);
        } finally {
            if (ended) {
                closeQuietly(session); // frees the host's session slot before the next command takes it
            } else {
                // closing waits for the host's side of the channel, which may never come
                connector.closeLater(session);
            }
        }
    }

    /**
     * The command line sshd hands to the user's shell: quoted, through sudo unless root, and under
     * {@code timeout}, so that the host itself stops a command that outlives its time (closing the
     * channel would leave it running).
     */
    String commandLine(Command command) {
        List<String> line = new ArrayList<>();
        if (settings.needsSudo()) {
            line.addAll(List.of("sudo", "-n", "--"));
        }
        long seconds = Math.max(1, (command.timeout().toMillis() + 999) / 1000);
        line.addAll(List.of("timeout", "-k", "5", Long.toString(seconds)));
        line.addAll(command.argv());
        return Shell.join(line);
    }

    /**
     * A session on the connection. A dead connection (the host rebooted, a network blip) is opened
     * again once. A refused session is tried again for a moment: OpenSSH frees the slots of closed
     * sessions a little after confirming the close, so a busy connection can briefly look full.
     * Nothing has run yet, so either is safe for any command.
     */
    private Session startSession(Command command) {
        boolean reconnected = false;
        for (int attempt = 1; ; attempt++) {
            SSHClient connection = connection();
            try {
                return connection.startSession();
            } catch (OpenFailException refused) {
                if (attempt >= OPEN_ATTEMPTS || !connection.isConnected()) {
                    throw HostException.during(id(), command, "the host refused an SSH session: "
                            + causeText(refused), "check MaxSessions in the host's sshd_config (at least "
                            + MAX_SESSIONS + ")", refused);
                }
                pause(Duration.ofMillis(10L * attempt));
            } catch (IOException e) {
                if (reconnected || connection.isConnected()) {
                    throw HostException.during(id(), command, "cannot open an SSH session: " + causeText(e),
                            rerunHint(), e);
                }
                reconnected = true; // connection() opens a new one
            }
        }
    }

    private synchronized SSHClient connection() {
        if (closed) {
            throw new IllegalStateException("the connection to " + id() + " is closed");
        }
        if (!client.isConnected() || !client.isAuthenticated()) {
            closeQuietly(client);
            client = connector.open(settings);
        }
        return client;
    }

    private void refuseSudoPasswordPrompt(Command command, CommandResult result) {
        if (settings.needsSudo() && result.exitStatus() == 1
                && (result.stderr().contains("sudo: a password is required")
                        || result.stderr().contains("is not in the sudoers file")
                        || result.stderr().contains("is not allowed to run sudo"))) {
            String sudoLine = result.stderr().strip().lines()
                    .filter(line -> line.contains("sudo") || line.contains("sudoers"))
                    .findFirst().orElse(result.stderr().strip());
            throw HostException.failed(id(), command,
                    new CommandResult(result.exitStatus(), result.stdout(),
                            "sudo refused to run commands as root for " + settings.user() + " without a password ("
                                    + sudoLine + ")"),
                    String.format(SUDO_PASSWORD_HINT, settings.user()));
        }
    }

    /**
     * Streams the input and closes it (EOF), returning what broke the remote end, if anything did.
     * A local read failure aborts the whole session instead: an EOF would tell the command that
     * the partial input was all of it.
     */
    private static Optional<IOException> writeStdin(Session session, OutputStream remote, Optional<Stdin> stdin) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = stdin.isPresent() ? stdin.get().open() : InputStream.nullInputStream()) {
            while (true) {
                int count = in.read(buffer);
                if (count < 0) {
                    break;
                }
                try {
                    remote.write(buffer, 0, count);
                } catch (IOException remoteEnd) {
                    return Optional.of(remoteEnd);
                }
            }
        } catch (IOException localRead) {
            closeQuietly(session);
            throw new UncheckedIOException("cannot read the input for a command", localRead);
        }
        try {
            // sshj's close() sends what is still buffered only if the host's window has room and
            // silently drops it otherwise; flush() waits for the room.
            remote.flush();
            remote.close();
            return Optional.empty();
        } catch (IOException remoteEnd) {
            return Optional.of(remoteEnd);
        }
    }

    private static byte[] await(Future<byte[]> reading, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        return reading.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
    }

    private HostException timeout(Command command, Exception cause) {
        return HostException.during(id(), command,
                "`" + command.display() + "` did not finish within " + seconds(command.timeout()),
                "check that the host is responsive (load, disk, a hung process); the step can be re-run", cause);
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(client);
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rerunHint() {
        return "check that the host is up and reachable, then re-run: every step can be repeated safely";
    }

    private static String causeText(Throwable e) {
        Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a broken channel or connection fails the same way it broke; nothing to add
        }
    }

    @Override
    public String toString() {
        return "ssh " + settings.user() + "@" + id();
    }
}
