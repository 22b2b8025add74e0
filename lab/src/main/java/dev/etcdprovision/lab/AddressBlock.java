package dev.etcdprovision.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A lease on one block of loopback addresses, 127.0.B.1 to 127.0.B.N, held by a file lock so that
 * labs running at the same time (parallel test runs, a benchmark beside a test) never share an
 * address. The first free block is 1, so a lone lab's hosts are 127.0.1.1, 127.0.1.2, ...
 *
 * <p>A detached lab (the demo's, which outlives the process that made it) keeps its block with a
 * marker file instead of a lock, until it is taken down.
 */
final class AddressBlock implements AutoCloseable {
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "etcd-provision-lab", "locks");
    private static final int FIRST = 1;
    private static final int LAST = 250;

    private final int number;
    private final FileChannel channel;
    private final FileLock lock;

    private AddressBlock(int number, FileChannel channel, FileLock lock) {
        this.number = number;
        this.channel = channel;
        this.lock = lock;
    }

    /** The first block that no running lab holds. */
    static AddressBlock acquire() {
        for (int number = FIRST; number <= LAST; number++) {
            AddressBlock block = tryAcquire(number);
            if (block != null) {
                return block;
            }
        }
        throw new IllegalStateException("all lab address blocks 127.0." + FIRST + "-" + LAST + ".x are in use");
    }

    /** Block {@code number}, whether or not a detached lab holds it (to take that lab down). */
    static AddressBlock acquireForTeardown(int number) {
        for (int attempt = 0; attempt < 100; attempt++) {
            FileChannel channel = open(number);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return new AddressBlock(number, channel, lock);
            }
            close(channel);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("lab address block " + number + " is held by a running process");
    }

    private static AddressBlock tryAcquire(int number) {
        if (Files.exists(detachedMarker(number))) {
            return null;
        }
        FileChannel channel = open(number);
        FileLock lock = tryLock(channel);
        if (lock == null || Files.exists(detachedMarker(number))) {
            close(channel);
            return null;
        }
        return new AddressBlock(number, channel, lock);
    }

    private static FileChannel open(int number) {
        try {
            Files.createDirectories(LOCKS);
            return FileChannel.open(LOCKS.resolve("block-" + number + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lease a lab address block in " + LOCKS, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path detachedMarker(int number) {
        return LOCKS.resolve("block-" + number + ".detached");
    }

    /** Keeps this block for a lab that outlives this process; {@link #releaseDetached} gives it back. */
    void markDetached(Path labDir) {
        try {
            Files.writeString(detachedMarker(number), labDir.toString() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void releaseDetached() {
        try {
            Files.deleteIfExists(detachedMarker(number));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int number() {
        return number;
    }

    /** The address of host {@code index} (1-based) in this block. */
    String address(int index) {
        return "127.0." + number + "." + index;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
