package dev.etcdprovision.controller.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.cluster.SnapshotFile;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a restore leaves beside a data dir until etcd starts there, and when a later run keeps that data. */
class RestoreMarkerTest {
    private static final String MEMBERS = "a=https://192.0.2.1:2380,b=https://192.0.2.2:2380";

    @Test
    void theMarkerReadsBackAsWrittenAndOnlyTheSameSnapshotAndMembersMatch() {
        Restore.Marker marker = new Restore.Marker("ab".repeat(32), "k8s1-restored-20260101T000000Z", MEMBERS);
        assertEquals(Optional.of(marker), Restore.Marker.parse(marker.text()));
        assertEquals(Optional.empty(), Restore.Marker.parse("snapshot ab\n"), "a marker cut short is no marker");

        SnapshotFile same = new SnapshotFile(Path.of("/backups/s.db"), 100, "ab".repeat(32));
        SnapshotFile other = new SnapshotFile(Path.of("/backups/s.db"), 100, "cd".repeat(32));
        assertTrue(marker.sameRestore(same, MEMBERS));
        assertFalse(marker.sameRestore(other, MEMBERS));
        assertFalse(marker.sameRestore(same, MEMBERS + ",c=https://192.0.2.3:2380"), "another set of members");
    }
}
