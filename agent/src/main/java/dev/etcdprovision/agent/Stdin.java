package dev.etcdprovision.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a command reads on its standard input, streamed to the host: this is how files reach a
 * host (a remote {@code cat > tmp}), for root and sudo users alike. Opened once per run.
 */
@FunctionalInterface
public interface Stdin {
    InputStream open() throws IOException;

    static Stdin of(byte[] content) {
        byte[] copy = content.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static Stdin of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
