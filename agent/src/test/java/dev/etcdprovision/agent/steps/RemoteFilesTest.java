package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RecordingHost;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.FactsOutput;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteFilesTest {
    private static final RemoteFile CONF =
            RemoteFile.text("/etc/etcd/etcd.conf", "ETCD_NAME=node1\n", 0640, "root", "etcd");
    private static final Ownership WANTED = new Ownership("root", "etcd", 0640);

    private final RecordingHost host = new RecordingHost();
    private final RemoteFiles files = new RemoteFiles(host);

    @Test
    void aFileInPlaceSendsNothing() {
        StepResult result = files.write(CONF, PathState.file(CONF.path(), CONF.sha256(), WANTED));
        assertFalse(result.changed());
        assertTrue(host.commands().isEmpty());
    }

    @Test
    void onlyOwnerOrModeWrongIsFixedWithoutRewriting() {
        host.onScript("set-owner-mode").reply("changed set root:etcd 640");
        Ownership wrong = new Ownership("root", "root", 0644);
        StepResult result = files.write(CONF, PathState.file(CONF.path(), CONF.sha256(), wrong));
        assertTrue(result.changed());
        assertEquals(List.of("set-owner-mode /etc/etcd/etcd.conf 640 root etcd"), host.displays());
        assertEquals(0, host.commands().get(0).stdin().length, "no content is sent");
    }

    @Test
    void otherContentIsStreamedWithItsSha256ForTheHostToVerify() {
        host.onScript("write-file").reply("changed wrote 16 bytes");
        StepResult result = files.write(CONF, PathState.file(CONF.path(), "0".repeat(64), WANTED));
        assertEquals(StepResult.changed("wrote 16 bytes"), result);
        RecordingHost.Recorded write = host.commands().get(0);
        assertEquals(List.of(CONF.path(), CONF.sha256(), "640", "root", "etcd", "plain"), write.scriptArguments());
        assertArrayEquals(CONF.content(), write.stdin());
        assertEquals("write /etc/etcd/etcd.conf", write.command().step());
    }

    @Test
    void withoutAKnownStateTheHostIsAskedFirst() {
        host.onScript("describe-paths").reply("path missing - - - - /etc/etcd/etcd.conf\n");
        host.onScript("write-file").reply("changed wrote 16 bytes");
        assertTrue(files.write(CONF).changed());
        assertEquals(List.of("describe-paths /etc/etcd/etcd.conf", "write-file /etc/etcd/etcd.conf " + CONF.sha256()
                + " 640 root etcd plain"), host.displays());

        host.clearCommands();
        host.onScript("describe-paths").reply("path " + FactsOutput.describe(
                PathState.file(CONF.path(), CONF.sha256(), new Ownership("root", "etcd", 0640))) + "\n");
        assertFalse(files.write(CONF).changed());
        assertEquals(1, host.commands().size(), "only the question");
    }

    @Test
    void aRefusalOnTheHostBecomesAHostExceptionWithItsReason() {
        host.onScript("write-file").fail(1, "the folder /etc/etcd does not exist\n");
        HostException failure = assertThrows(HostException.class,
                () -> files.write(CONF, PathState.missing(CONF.path())));
        assertEquals("write /etc/etcd/etcd.conf failed on node1 (192.0.2.1): the folder /etc/etcd does not exist",
                failure.getMessage());
    }

    @Test
    void aStateOfAnotherPathIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> files.write(CONF, PathState.missing("/etc/other")));
    }

    @Test
    void readingAMissingFileIsEmptyNotAnError() {
        host.onScript("read-file").fail(3, "");
        assertEquals(Optional.empty(), files.read("/etc/etcd/pki/ca.crt"));
        host.onScript("read-file").reply("-----BEGIN CERTIFICATE-----\n");
        assertEquals(Optional.of("-----BEGIN CERTIFICATE-----\n"), files.read("/etc/etcd/pki/ca.crt"));
        host.onScript("read-file").fail(1, "/etc/etcd is not a file");
        assertThrows(HostException.class, () -> files.read("/etc/etcd"));
    }
}
