package dev.etcdprovision.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host keys, identity files and connection failures, against real sshd. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    @TempDir
    Path dir;

    private static SshSettings settings(LabHost host, Path knownHosts) {
        return SshSettings.of(host.name(), host.address(), "root", lab.privateKey(), knownHosts);
    }

    @Test
    @Order(1)
    void anUnknownHostIsRefusedUnderStrictCheckingWithTheCommandThatAddsIt() throws IOException {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        LabHost host = lab.host(1);
        HostException refused = assertThrows(HostException.class,
                () -> HostConnections.open(settings(host, knownHosts)));
        assertEquals("connect", refused.step());
        assertTrue(refused.reason().startsWith("the host key of " + host.address() + " is not in " + knownHosts
                + " (it offered ssh-ed25519 key SHA256:"), refused.reason());
        assertTrue(refused.hint().orElseThrow().contains("ssh-keyscan -p 22 " + host.address() + " >> " + knownHosts),
                refused.hint().orElseThrow());
        assertTrue(refused.hint().orElseThrow().contains("--accept-new-host-keys"));
        assertEquals("", Files.readString(knownHosts), "nothing learned");

        HostException missingFile = assertThrows(HostException.class,
                () -> HostConnections.open(settings(host, dir.resolve("absent"))));
        assertTrue(missingFile.reason().contains("does not exist"), missingFile.reason());
    }

    @Test
    @Order(2)
    void acceptNewRecordsUnknownKeysOfHostsConnectingAtOnceAndStrictTrustsThemAfter() throws IOException {
        Path knownHosts = dir.resolve("new/known_hosts");
        List<SshSettings> all = lab.hosts().stream()
                .map(host -> settings(host, knownHosts).withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)).toList();
        try (HostConnections connections = HostConnections.open(all).requireAll()) {
            assertEquals(3, connections.hosts().size());
        }
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(3, lines.size(), "one key per host, none lost to a concurrent append: " + lines);
        for (LabHost host : lab.hosts()) {
            assertTrue(lines.stream().anyMatch(line -> host.knownHostsLines().contains(line)),
                    "the key " + host + " really has: " + lines);
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(knownHosts)));
        assertEquals(List.of("known_hosts"), fileNames(knownHosts.getParent()), "no temporary file left");

        List<SshSettings> strict = lab.hosts().stream().map(host -> settings(host, knownHosts)).toList();
        try (HostConnections connections = HostConnections.open(strict).requireAll()) {
            assertEquals(3, connections.hosts().size());
        }
        List<SshSettings> again = lab.hosts().stream()
                .map(host -> settings(host, knownHosts).withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)).toList();
        HostConnections.open(again).requireAll().close();
        assertEquals(lines, Files.readAllLines(knownHosts), "known keys are not added twice");
    }

    @Test
    @Order(3)
    void aChangedHostKeyIsRefusedUnderEveryPolicyAndNamesHostFileAndFingerprint() throws IOException {
        LabHost host = lab.host(2);
        Path knownHosts = Files.write(dir.resolve("known_hosts"), host.knownHostsLines());
        host.replaceWithBlank(LabHost.HostKeys.KEEP_OLD);
        String newFingerprint = host.shOk("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub").split(" ")[1];

        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            HostException refused = assertThrows(HostException.class,
                    () -> HostConnections.open(settings(host, knownHosts).withHostKeyPolicy(policy)));
            assertEquals("connect failed on node2 (" + host.address() + "): the host key of " + host.address()
                    + " CHANGED: it offered ssh-ed25519 key " + newFingerprint + ", which does not match " + knownHosts,
                    refused.getMessage());
            assertTrue(refused.hint().orElseThrow().contains("ssh-keygen -R " + host.address() + " -f " + knownHosts),
                    refused.hint().orElseThrow());
        }
        assertTrue(Files.readAllLines(knownHosts).stream().noneMatch(host.knownHostsLines()::contains),
                "the new key was not recorded");
    }

    @ParameterizedTest
    @CsvSource({"ecdsa,256,", "ecdsa,384,PEM", "rsa,3072,", "rsa,2048,PEM", "rsa,2048,PKCS8", "ed25519,256,"})
    @Order(4)
    void identityFilesOfEveryCommonKindAuthenticate(String type, int bits, String format) throws Exception {
        Path key = dir.resolve("id_" + type + bits + (format == null ? "" : format));
        List<String> keygen = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-b",
                Integer.toString(bits), "-N", "", "-C", "agent-it", "-f", key.toString()));
        if (format != null) {
            keygen.addAll(List.of("-m", format));
        }
        Process process = new ProcessBuilder(keygen).inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "ssh-keygen " + keygen);
        LabHost host = lab.host(3);
        host.exec("sh", "-c", "cat >> /root/.ssh/authorized_keys <<'KEY'\n"
                + Files.readString(Path.of(key + ".pub")).strip() + "\nKEY\n");

        SshSettings settings = new SshSettings(host.name(), host.address(), 22, "root", key, lab.knownHosts(),
                HostKeyPolicy.STRICT, Duration.ofSeconds(5));
        try (HostConnections connections = HostConnections.open(settings)) {
            assertEquals("root", connections.host(host.name()).check(Command.of("who", "id", "-un")).stdout().strip());
        }
    }

    /**
     * A key file protected by a passphrase, in OpenSSH's format (its public key inside it, no .pub
     * kept) or PEM (the public key from .pub): ssh-agent signs once it holds the key.
     */
    @ParameterizedTest
    @CsvSource({"ed25519,256,,false", "ecdsa,256,,false", "rsa,3072,PEM,true"})
    @Order(5)
    void aKeyProtectedByAPassphraseAuthenticatesThroughSshAgentOnceItHoldsTheKey(String type, int bits,
            String format, boolean keepPub) throws Exception {
        Path key = dir.resolve("id_" + type + "_protected");
        List<String> keygen = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-b",
                Integer.toString(bits), "-N", "correct horse", "-C", "agent-it", "-f", key.toString()));
        if (format != null) {
            keygen.addAll(List.of("-m", format));
        }
        run(keygen, Map.of());
        LabHost host = lab.host(3);
        Path pub = Path.of(key + ".pub");
        host.exec("sh", "-c", "cat >> /root/.ssh/authorized_keys <<'KEY'\n" + Files.readString(pub).strip()
                + "\nKEY\n");
        if (!keepPub) {
            Files.delete(pub);
        }
        SshSettings settings = SshSettings.of(host.name(), host.address(), "root", key, lab.knownHosts());

        HostException noAgent = assertThrows(HostException.class,
                () -> HostConnections.open(List.of(settings), new SshConnector(Optional.empty())).requireAll());
        assertEquals("the identity file " + key + " is protected by a passphrase and no ssh-agent is reachable"
                + " (SSH_AUTH_SOCK is not set)", noAgent.reason());

        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        try {
            awaitFile(socket, agent);
            SshAgent sshAgent = new SshAgent(socket);
            HostException notLoaded = assertThrows(HostException.class, () -> HostConnections.open(List.of(settings),
                    new SshConnector(Optional.of(sshAgent))).requireAll());
            assertEquals("the identity file " + key + " is protected by a passphrase and ssh-agent (" + socket
                    + ") does not hold its key", notLoaded.reason());
            assertEquals("load it: ssh-add " + key, notLoaded.hint().orElseThrow());

            Path askpass = Files.writeString(dir.resolve("askpass"), "#!/bin/sh\necho 'correct horse'\n");
            Files.setPosixFilePermissions(askpass, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            run(List.of("ssh-add", key.toString()), Map.of("SSH_AUTH_SOCK", socket.toString(),
                    "SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0"));

            try (HostConnections connections = HostConnections.open(List.of(settings),
                    new SshConnector(Optional.of(sshAgent))).requireAll()) {
                assertEquals("root", connections.host(host.name()).check(Command.of("who", "id", "-un")).stdout()
                        .strip());
            }
        } finally {
            agent.destroy();
        }
    }

    @Test
    @Order(6)
    void aKeyTheHostDoesNotAcceptIsAnAuthenticationFailureWithTheFix() throws Exception {
        Path stranger = dir.resolve("id_stranger");
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString())
                .inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0);
        LabHost host = lab.host(1);
        HostException refused = assertThrows(HostException.class, () -> HostConnections.open(
                SshSettings.of(host.name(), host.address(), "root", stranger, lab.knownHosts())));
        assertEquals("SSH key authentication as root with " + stranger + " was refused", refused.reason());
        assertTrue(refused.hint().orElseThrow().contains("authorized_keys"));
    }

    @Test
    @Order(7)
    void unreachableEndpointsAndBadIdentitiesSayWhatIsWrong() throws IOException {
        LabHost host = lab.host(1);
        HostException refused = assertThrows(HostException.class,
                () -> HostConnections.open(settings(host, lab.knownHosts()).withPort(2222)));
        assertEquals("connection to " + host.address() + ":2222 refused", refused.reason());

        HostException noKey = assertThrows(HostException.class, () -> HostConnections.open(
                SshSettings.of(host.name(), host.address(), "root", dir.resolve("none"), lab.knownHosts())));
        assertTrue(noKey.reason().startsWith("cannot read the identity file"), noKey.reason());

        Path garbage = Files.writeString(dir.resolve("garbage"), "not a key\n");
        HostException badKey = assertThrows(HostException.class, () -> HostConnections.open(
                SshSettings.of(host.name(), host.address(), "root", garbage, lab.knownHosts())));
        assertTrue(badKey.reason().startsWith("cannot load the identity file"), badKey.reason());
    }

    @Test
    @Order(8)
    void aHostThatAcceptsTheConnectionButNeverAnswersTimesOut() {
        LabHost host = lab.host(1);
        host.pause(); // its kernel still completes the TCP handshake; sshd is frozen
        try {
            HostException silent = assertThrows(HostException.class, () -> HostConnections.open(
                    settings(host, lab.knownHosts()).withConnectTimeout(Duration.ofSeconds(2))));
            assertEquals("no answer from " + host.address() + ":22 within 2 s", silent.reason());
        } finally {
            host.unpause();
        }
    }

    @Test
    @Order(9)
    void failuresOfSomeHostsAreReportedTogetherAndTheOthersConnect() {
        List<SshSettings> mixed = List.of(settings(lab.host(1), lab.knownHosts()),
                settings(lab.host(3), lab.knownHosts()).withPort(2222));
        try (HostConnections connections = HostConnections.open(mixed)) {
            assertEquals(1, connections.hosts().size());
            assertEquals(List.of("node3"), List.copyOf(connections.failures().keySet()));
            assertThrows(HostException.class, () -> connections.host("node3"));
            HostException first = assertThrows(HostException.class, connections::requireAll);
            assertEquals("node3", first.host().name());
        }
    }

    private static void run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, command + ": " + output);
    }

    /** Polls until ssh-agent has made its socket. */
    private static void awaitFile(Path socket, Process agent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            assertTrue(agent.isAlive(), "ssh-agent ended before making " + socket);
            assertTrue(System.nanoTime() < deadline, "ssh-agent made no socket at " + socket + " within 10 s");
            Thread.sleep(20);
        }
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
