package dev.etcdprovision.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsFileTest {
    private static final String KEY = "10.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTest";

    @TempDir
    Path dir;

    @Test
    void aNewFileIsCreatedWithItsFolderAndReadableMode() throws IOException {
        Path file = dir.resolve("ssh/known_hosts");
        new KnownHostsFile(file).append(KEY);
        assertEquals(KEY + "\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anExistingFileKeepsItsLinesAndModeAndGetsNoDuplicate() throws IOException {
        Path file = Files.writeString(dir.resolve("known_hosts"), "# mine\n10.0.0.9 ssh-rsa AAAA");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        KnownHostsFile knownHosts = new KnownHostsFile(file);
        knownHosts.append(KEY);
        knownHosts.append(KEY);
        assertEquals("# mine\n10.0.0.9 ssh-rsa AAAA\n" + KEY + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("known_hosts"), files.map(path -> path.getFileName().toString()).toList(),
                    "the temporary file was renamed over it");
        }
    }
}
