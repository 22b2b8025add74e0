package dev.etcdprovision.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.Stdin;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands over real SSH: exit status, output, quoting, stdin, sudo, timeouts, concurrency. */
class SshHostIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    /** The PID of the sshd process that serves the connection a command came by (its nearest sshd ancestor). */
    private static final Command SSHD_OF_THIS_COMMAND = Command.of("sshd pid", "sh", "-c",
            "p=$$; while [ \"$(ps -o comm= -p \"$p\")\" != sshd ]; do p=$(ps -o ppid= -p \"$p\" | tr -d ' '); done;"
                    + " echo \"$p\"");

    static SshSettings settings(LabHost host, String user) {
        return SshSettings.of(host.name(), host.address(), user, lab.privateKey(), lab.knownHosts());
    }

    @Test
    void connectsToEveryHostAtOnceAndRunsCommandsWithStatusAndOutput() {
        List<SshSettings> all = lab.hosts().stream().map(host -> settings(host, "root")).toList();
        try (HostConnections connections = HostConnections.open(all)) {
            assertEquals(List.of(), List.copyOf(connections.failures().keySet()));
            assertEquals(3, connections.hosts().size());
            for (LabHost labHost : lab.hosts()) {
                Host host = connections.host(labHost.name());
                assertEquals(labHost.name() + " (" + labHost.address() + ")", host.id().toString());
                assertEquals(labHost.name(), host.check(Command.of("hostname", "hostname")).stdout().strip());
                CommandResult failed = host.run(Command.of("fail", "sh", "-c", "echo out; echo err >&2; exit 3"));
                assertEquals(new CommandResult(3, "out\n", "err\n"), failed);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    void everyArgumentArrivesExactlyAsGivenAndRunsAsRoot(String user) {
        List<String> tricky = List.of("plain", "two words", "it's", "\"double\"", "$HOME", "`id`", "$(id)", "a;b",
                "*", "~", "back\\slash", "new\nline", "", "-n", "A=b", "ünïcödé", "tab\there", "!bang");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(tricky);
        try (HostConnections connections = HostConnections.open(settings(lab.host(1), user))) {
            Host host = connections.host(lab.host(1).name());
            String echoed = host.check(Command.of("echo arguments", argv)).stdout();
            assertEquals(String.join("\0", tricky) + "\0", echoed);
            assertEquals("0", host.check(Command.of("whoami", "id", "-u")).stdout().strip(), "steps run as root");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    void stdinArrivesWholeWhateverItsSizeAndHowFastTheHostReads(String user) throws Exception {
        // A slow reader lets the SSH window fill up; the end of the stream must still arrive
        // (sshj's close() alone drops what it cannot send at once).
        Random random = new Random(42);
        try (HostConnections connections = HostConnections.open(settings(lab.host(2), user))) {
            Host host = connections.host(lab.host(2).name());
            for (int i = 0; i < 16; i++) {
                byte[] content = new byte[(2 << 20) + random.nextInt(3 << 20)];
                random.nextBytes(content);
                String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                CommandResult result = host.check(Command.of("hash stdin", "sh", "-c", "sleep 0.05; sha256sum")
                        .withStdin(Stdin.of(content)));
                assertEquals(expected, result.stdout().substring(0, 64), content.length + " bytes");
            }
        }
    }

    @Test
    void sudoThatAsksForAPasswordIsAClearErrorWithTheFix() {
        try (HostConnections connections = HostConnections.open(settings(lab.host(1), Lab.PASSWORD_SUDO_USER))) {
            Host host = connections.host(lab.host(1).name());
            HostException refused = assertThrows(HostException.class, () -> host.run(Command.of("check", "true")));
            assertTrue(refused.getMessage().startsWith("check failed on node1 (" + lab.host(1).address() + "): sudo"
                    + " refused to run commands as root for needpw without a password"), refused.getMessage());
            assertTrue(refused.hint().orElseThrow().contains("NOPASSWD"), refused.hint().orElseThrow());
        }
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStoppedAndTheConnectionStaysUsable() throws InterruptedException {
        try (HostConnections connections = HostConnections.open(settings(lab.host(3), "root"))) {
            Host host = connections.host(lab.host(3).name());
            // a command that would never end on its own: returning at all is the timeout's doing
            HostException timedOut = assertThrows(HostException.class,
                    () -> host.run(Command.of("wait", "sleep", "86399").withTimeout(Duration.ofSeconds(1))));
            assertEquals("wait failed on node3 (" + lab.host(3).address() + "): `sleep 86399` did not finish within"
                    + " 1 s", timedOut.getMessage());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lab.host(3).sh("pgrep -f 'sleep 8639[9]'").exitCode() == 0) {
                assertTrue(System.nanoTime() < deadline, "the timed-out command still runs on the host 10 s later");
                Thread.sleep(100);
            }
            assertEquals("ok", host.check(Command.of("after", "echo", "ok")).stdout().strip());
        }
    }

    @Test
    void aQuietCommandAndAnIdleConnectionAreNoFailure() throws InterruptedException {
        SshSettings quick = settings(lab.host(3), "root").withConnectTimeout(Duration.ofSeconds(1));
        try (HostConnections connections = HostConnections.open(quick)) {
            Host host = connections.host(lab.host(3).name());
            Command session = SSHD_OF_THIS_COMMAND;
            String before = host.check(session).stdout();
            assertEquals("done", host.check(Command.of("quiet", "sh", "-c", "sleep 4; echo done")).stdout().strip(),
                    "four seconds without a byte, longer than the connect timeout");
            Thread.sleep(4000); // the connection idles: the behaviour under test, not a wait for something
            assertEquals(before, host.check(session).stdout(), "the same connection, not a new one");
        }
    }

    @Test
    void concurrentCommandsShareOneConnectionWithinTheSessionLimit() throws Exception {
        // Each command counts the commands running beside it; OpenSSH refuses an 11th session.
        String script = "mkdir -p /run/agent-it && : > /run/agent-it/$$ && ls /run/agent-it | wc -l"
                + " && sleep 0.3 && rm /run/agent-it/$$";
        try (HostConnections connections = HostConnections.open(settings(lab.host(2), Lab.SUDO_USER))) {
            Host host = connections.host(lab.host(2).name());
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Future<CommandResult>> runs = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    runs.add(pool.submit(() -> host.check(Command.of("count", "sh", "-c", script))));
                }
                int most = 0;
                for (Future<CommandResult> run : runs) {
                    most = Math.max(most, Integer.parseInt(run.get().stdout().strip()));
                }
                assertTrue(most <= SshHost.MAX_SESSIONS, "at most " + SshHost.MAX_SESSIONS + " at once, saw " + most);
                assertTrue(most > 1, "commands did run side by side");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aConnectionThatDiedIsOpenedAgainForTheNextCommand() {
        LabHost labHost = lab.host(1);
        try (HostConnections connections = HostConnections.open(settings(labHost, "root"))) {
            Host host = connections.host(labHost.name());
            String sessionPid = host.check(SSHD_OF_THIS_COMMAND).stdout().strip();
            assertEquals(sessionPid, host.check(SSHD_OF_THIS_COMMAND).stdout().strip(), "one connection");
            labHost.exec("kill", "-9", sessionPid);
            String again = host.check(SSHD_OF_THIS_COMMAND).stdout().strip();
            assertFalse(again.equals(sessionPid), "a new connection serves the command");
        }
    }
}
