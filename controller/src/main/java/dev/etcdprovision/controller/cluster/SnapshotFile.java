package dev.etcdprovision.controller.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A snapshot file on this machine, checked as etcd checks it before a restore: a bbolt database
 * followed by the sha256 of the database's bytes (what etcd's snapshot API sends, and what
 * {@code etcdctl snapshot save} and {@code etcd-provision snapshot save} write).
 *
 * @param sha256 of the whole file, to check a copy on a host against
 */
public record SnapshotFile(Path file, long size, String sha256) {
    private static final int CHECKSUM = 32;
    /** bbolt's magic number, in the meta page that starts the file, after the 16-byte page header. */
    private static final int BOLT_MAGIC = 0xED0CDAED;
    private static final int BOLT_MAGIC_OFFSET = 16;

    /** The file is no snapshot, or a damaged one; the message says which and names it. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Reads the whole file once: its checksum, its header and its sha256. */
    public static SnapshotFile check(Path file) throws Invalid, IOException {
        Path absolute = file.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw new Invalid(absolute + " does not exist or is not a file");
        }
        MessageDigest whole = newDigest();
        MessageDigest database = newDigest();
        byte[] header = new byte[BOLT_MAGIC_OFFSET + 4];
        int headerRead = 0;
        byte[] held = new byte[0];
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(absolute)) {
            for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                whole.update(buffer, 0, count);
                if (headerRead < header.length) {
                    int take = Math.min(count, header.length - headerRead);
                    System.arraycopy(buffer, 0, header, headerRead, take);
                    headerRead += take;
                }
                // the last 32 bytes are the checksum, not part of the database: hold them back
                byte[] joined = Arrays.copyOf(held, held.length + count);
                System.arraycopy(buffer, 0, joined, held.length, count);
                int body = joined.length - CHECKSUM;
                if (body > 0) {
                    database.update(joined, 0, body);
                    held = Arrays.copyOfRange(joined, body, joined.length);
                } else {
                    held = joined;
                }
                size += count;
            }
        }
        int magic = ByteBuffer.wrap(header, BOLT_MAGIC_OFFSET, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (headerRead < header.length || magic != BOLT_MAGIC) {
            throw new Invalid(absolute + " is not an etcd snapshot (it does not start as a bbolt database)");
        }
        if (held.length < CHECKSUM || !Arrays.equals(database.digest(), held)) {
            throw new Invalid(absolute + " does not end with the checksum of its database: it is incomplete or"
                    + " damaged, or a copy of a data dir's db file rather than a snapshot");
        }
        return new SnapshotFile(absolute, size, HexFormat.of().formatHex(whole.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
