package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.HostId;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.Stdin;
import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.SshSettings;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The connection dies in the middle of an upload: the old file stays as it was, no temporary file
 * is left for anyone to trip over (or a later run removes it), and a later run succeeds.
 */
class UploadInterruptionIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(1);

    private static final String TARGET = "/srv/agent-it/big.bin";
    private static final int SIZE = 24 << 20;
    private static final int FAULT_AFTER = 4 << 20;

    /** How the upload is cut off. */
    enum Fault {
        /** The sshd process serving the connection dies (a network failure, seen from the host). */
        KILL_SSH_SESSION,
        /** The host side crashes: the writing script dies with its session, before it can clean up. */
        KILL_SCRIPT_AND_SESSION,
        /** The controller goes away: its socket closes. */
        CLOSE_CLIENT
    }

    @ParameterizedTest
    @CsvSource({"root,KILL_SSH_SESSION", "root,KILL_SCRIPT_AND_SESSION", "root,CLOSE_CLIENT",
            "ops,KILL_SSH_SESSION", "ops,KILL_SCRIPT_AND_SESSION", "ops,CLOSE_CLIENT"})
    void anInterruptedUploadLeavesTheOldFileAndALaterRunSucceeds(String user, Fault fault) {
        LabHost labHost = lab.host(1);
        labHost.shOk("mkdir -p /srv/agent-it && rm -f /srv/agent-it/.big.bin.* && echo old > " + TARGET
                + " && chmod 0640 " + TARGET);
        String oldState = labHost.shOk("sha256sum " + TARGET + " && stat -c '%a %U %G %i %y' " + TARGET);
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        RemoteFile big = new RemoteFile(TARGET, content, 0640, "root", "root");

        HostConnections connections = HostConnections.open(SshSettings.of(labHost.name(), labHost.address(), user,
                lab.privateKey(), lab.knownHosts()));
        Host faulty = new FaultAfter(connections.host(labHost.name()), () -> inject(fault, labHost, connections));
        try {
            HostException broken = assertThrows(HostException.class, () -> new RemoteFiles(faulty).write(big,
                    dev.etcdprovision.agent.facts.PathState.missing(TARGET)));
            assertEquals("write " + TARGET, broken.step());
        } finally {
            connections.close();
        }
        awaitNoWriterOn(labHost);

        assertEquals(oldState, labHost.shOk("sha256sum " + TARGET + " && stat -c '%a %U %G %i %y' " + TARGET),
                "the old file is intact");
        String leftovers = labHost.shOk("ls -A /srv/agent-it");
        if (fault == Fault.KILL_SCRIPT_AND_SESSION) {
            assertTrue(leftovers.contains(".big.bin.etcd-provision-"), "the crash left its temporary file: "
                    + leftovers);
        }

        try (HostConnections later = HostConnections.open(SshSettings.of(labHost.name(), labHost.address(), user,
                lab.privateKey(), lab.knownHosts()))) {
            StepResult result = new RemoteFiles(later.host(labHost.name())).write(big);
            assertEquals(StepResult.changed("wrote " + SIZE + " bytes"), result);
        }
        assertEquals(big.sha256(), labHost.shOk("sha256sum " + TARGET).substring(0, 64));
        assertEquals("big.bin\n", labHost.shOk("ls -A /srv/agent-it"), "no temporary file left");
    }

    private static void inject(Fault fault, LabHost labHost, HostConnections connections) {
        switch (fault) {
            case KILL_SSH_SESSION -> labHost.exec("kill", "-9", sshSessionOfWriter(labHost));
            case KILL_SCRIPT_AND_SESSION -> {
                labHost.exec("kill", "-9", writerPid(labHost), sshSessionOfWriter(labHost));
            }
            case CLOSE_CLIENT -> connections.close();
        }
    }

    /** The writing script: the process whose command line runs write-file for the target. */
    private static String writerPid(LabHost labHost) {
        return writer(labHost).orElseThrow(() -> new AssertionError("no write-file process on " + labHost));
    }

    private static Optional<String> writer(LabHost labHost) {
        return processes(labHost).entrySet().stream()
                .filter(process -> process.getValue().args().startsWith("sh -c")
                        && process.getValue().args().contains("write-file " + TARGET))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The sshd process serving the writer's connection ({@code sshd: USER@notty}), its ancestor. */
    private static String sshSessionOfWriter(LabHost labHost) {
        Map<String, Process> processes = processes(labHost);
        String pid = writerPid(labHost);
        while (processes.containsKey(pid)) {
            Process process = processes.get(pid);
            if (process.args().startsWith("sshd: ") && process.args().contains("@notty")) {
                return pid;
            }
            pid = process.parent();
        }
        throw new AssertionError("no sshd session above the writer on " + labHost);
    }

    private record Process(String parent, String args) {}

    private static Map<String, Process> processes(LabHost labHost) {
        Map<String, Process> processes = new HashMap<>();
        labHost.shOk("ps -eo pid=,ppid=,args=").lines().map(String::strip).forEach(line -> {
            String[] fields = line.split("\\s+", 3);
            processes.put(fields[0], new Process(fields[1], fields.length > 2 ? fields[2] : ""));
        });
        return processes;
    }

    private static void awaitNoWriterOn(LabHost labHost) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (writer(labHost).isPresent()) {
            assertTrue(Instant.now().isBefore(deadline), "the writing script did not end");
        }
    }

    /** A host whose uploads run into a fault after {@link #FAULT_AFTER} bytes. */
    private record FaultAfter(Host host, Runnable fault) implements Host {
        @Override
        public HostId id() {
            return host.id();
        }

        @Override
        public CommandResult run(Command command) {
            if (command.stdin().isEmpty()) {
                return host.run(command);
            }
            Stdin original = command.stdin().get();
            AtomicBoolean injected = new AtomicBoolean();
            Stdin faulty = () -> new FilterInputStream(original.open()) {
                private long sent;

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    if (sent >= FAULT_AFTER && injected.compareAndSet(false, true)) {
                        fault.run();
                    }
                    int count = super.read(buffer, offset, length);
                    sent += Math.max(0, count);
                    return count;
                }
            };
            return host.run(command.withStdin(faulty));
        }
    }
}
