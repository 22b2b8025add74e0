package dev.etcdprovision.agent.ssh;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A known_hosts file that learns keys (under {@link HostKeyPolicy#ACCEPT_NEW}). Appending is
 * atomic: the whole file is written beside itself and renamed over the old one, so a crash never
 * leaves a half-written line, and readers see the old or the new file, nothing between. One
 * instance per file is shared by the connections that use it, which serializes their appends.
 */
final class KnownHostsFile {
    private static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path path;

    KnownHostsFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** Adds a line unless the file already has it (another connection may have added it meanwhile). */
    synchronized void append(String line) throws IOException {
        String existing = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        if (existing.lines().anyMatch(line::equals)) {
            return;
        }
        String updated = existing.isEmpty() || existing.endsWith("\n")
                ? existing + line + "\n"
                : existing + "\n" + line + "\n";
        Path folder = path.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + path.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary,
                    Files.exists(path) ? Files.getPosixFilePermissions(path) : NEW_FILE_MODE);
            Files.writeString(temporary, updated, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
