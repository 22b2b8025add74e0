package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.etcdprovision.agent.RecordingHost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tool reads and restores a snapshot, and how it is asked. */
class SnapshotRestoreTest {
    private final RecordingHost host = new RecordingHost();

    @Test
    void etcdutlReadsTheRevisionAndEtcdctlOf34IsToldToSpeakApiV3() {
        host.on(command -> true).reply("{\"hash\":4128113155,\"revision\":42,\"totalKey\":7,\"totalSize\":20480}\n");
        SnapshotRestore snapshots = new SnapshotRestore(host);
        assertEquals(42, snapshots.revision("/opt/etcd/v3.5.16/etcdutl", "/var/lib/etcd.restore.db"));
        assertEquals(42, snapshots.revision("/opt/etcd/v3.4.23/etcdctl", "/var/lib/etcd.restore.db"));
        assertEquals(List.of("/opt/etcd/v3.5.16/etcdutl", "snapshot", "status", "/var/lib/etcd.restore.db",
                "--write-out", "json"), host.commands().get(0).command().argv());
        assertEquals(List.of("env", "ETCDCTL_API=3", "/opt/etcd/v3.4.23/etcdctl", "snapshot", "status",
                "/var/lib/etcd.restore.db", "--write-out", "json"), host.commands().get(1).command().argv());
        assertThrows(IllegalArgumentException.class, () -> snapshots.revision("/usr/bin/etcd", "/tmp/s.db"));
    }

    @Test
    void theRestoreGetsEverySettingOfTheNewMemberAsAnArgument() {
        host.onScript("restore-snapshot").reply("changed restored into /var/lib/etcd");
        SnapshotRestore.Member member = new SnapshotRestore.Member("n1", "https://192.0.2.1:2380",
                "n1=https://192.0.2.1:2380,n2=https://192.0.2.2:2380", "k8s1-restored-x");
        StepResult result = new SnapshotRestore(host).restore("/opt/etcd/v3.5.16/etcdutl", "/var/lib/etcd.restore.db",
                "ab12", 1 << 20, "/var/lib/etcd", member, "etcd", "etcd");
        assertEquals(StepResult.changed("restored into /var/lib/etcd"), result);
        assertEquals(List.of("/opt/etcd/v3.5.16/etcdutl", "/var/lib/etcd.restore.db", "ab12", "/var/lib/etcd", "n1",
                "https://192.0.2.1:2380", "n1=https://192.0.2.1:2380,n2=https://192.0.2.2:2380", "k8s1-restored-x",
                "etcd", "etcd"), host.commands().get(0).scriptArguments());
    }
}
