package dev.etcdprovision.controller.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot file is checked as etcd checks it: a bbolt database followed by the sha256 of its bytes. */
class SnapshotFileTest {
    @TempDir
    Path folder;

    /** A database-like body of {@code size} bytes with bbolt's magic number where bbolt puts it. */
    private static byte[] database(int size) {
        byte[] body = new byte[size];
        new Random(7).nextBytes(body);
        ByteBuffer.wrap(body, 16, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xED0CDAED);
        return body;
    }

    private static byte[] snapshot(byte[] database) throws Exception {
        byte[] checksum = MessageDigest.getInstance("SHA-256").digest(database);
        byte[] file = Arrays.copyOf(database, database.length + checksum.length);
        System.arraycopy(checksum, 0, file, database.length, checksum.length);
        return file;
    }

    @Test
    void aSnapshotSpanningManyReadsIsAcceptedWithTheSha256OfTheWholeFile() throws Exception {
        byte[] content = snapshot(database(200_000 + 17));
        Path file = Files.write(folder.resolve("s.db"), content);
        SnapshotFile checked = SnapshotFile.check(file);
        assertEquals(content.length, checked.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), checked.sha256());
        assertEquals(file.toAbsolutePath(), checked.file());
    }

    @Test
    void aDamagedOrCutSnapshotIsRefused() throws Exception {
        byte[] content = snapshot(database(8192));
        content[5000] ^= 1;
        Path damaged = Files.write(folder.resolve("damaged.db"), content);
        SnapshotFile.Invalid error = assertThrows(SnapshotFile.Invalid.class, () -> SnapshotFile.check(damaged));
        assertTrue(error.getMessage().startsWith(damaged.toAbsolutePath() + " does not end with the checksum"),
                error.getMessage());

        Path cut = Files.write(folder.resolve("cut.db"), Arrays.copyOf(snapshot(database(8192)), 6000));
        assertThrows(SnapshotFile.Invalid.class, () -> SnapshotFile.check(cut));
        Path dataDirCopy = Files.write(folder.resolve("db"), database(8192));
        assertThrows(SnapshotFile.Invalid.class, () -> SnapshotFile.check(dataDirCopy));
    }

    @Test
    void aFileThatIsNoDatabaseOrNoFileIsRefused() throws Exception {
        Path text = Files.writeString(folder.resolve("notes.txt"), "not a snapshot at all, but long enough to read");
        SnapshotFile.Invalid error = assertThrows(SnapshotFile.Invalid.class, () -> SnapshotFile.check(text));
        assertTrue(error.getMessage().endsWith("is not an etcd snapshot (it does not start as a bbolt database)"),
                error.getMessage());
        SnapshotFile.Invalid missing = assertThrows(SnapshotFile.Invalid.class,
                () -> SnapshotFile.check(folder.resolve("missing.db")));
        assertTrue(missing.getMessage().endsWith("missing.db does not exist or is not a file"), missing.getMessage());
    }
}
