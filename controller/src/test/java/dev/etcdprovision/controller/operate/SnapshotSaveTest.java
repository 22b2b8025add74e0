package dev.etcdprovision.controller.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSaveTest {
    @TempDir
    Path folder;

    @Test
    void theDefaultFileIsNamedByClusterAndUtcTimeAndNeverReplacesAnother() throws Exception {
        Instant now = Instant.parse("2026-03-04T05:06:07.890Z");
        Path first = SnapshotSave.defaultFile(folder, "k8s1", now);
        assertEquals(folder.resolve("k8s1-20260304T050607Z.db"), first);
        Files.writeString(first, "taken");
        assertEquals(folder.resolve("k8s1-20260304T050607Z-2.db"), SnapshotSave.defaultFile(folder, "k8s1", now));
    }
}
