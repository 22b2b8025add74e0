package dev.etcdprovision.agent.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip copy of a file beside it ({@code etcd} -> {@code etcd.gz}), made once and reused: release
 * binaries shrink to a third, and sending them is what takes longest when nodes are installed.
 */
final class Compressed {
    private Compressed() {}

    /** The compressed copy of {@code file}, made now if it is missing or older than the file. */
    static synchronized Path copyOf(Path file) {
        Path copy = file.resolveSibling(file.getFileName() + ".gz");
        try {
            if (Files.isRegularFile(copy)
                    && !Files.getLastModifiedTime(copy).toInstant().isBefore(Files.getLastModifiedTime(file).toInstant())) {
                return copy;
            }
            Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".gz.partial");
            try {
                try (InputStream in = Files.newInputStream(file);
                     OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16) {
                         {
                             def.setLevel(Deflater.BEST_SPEED);
                         }
                     }) {
                    in.transferTo(out);
                }
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress " + file + " for the upload", e);
        }
    }
}
