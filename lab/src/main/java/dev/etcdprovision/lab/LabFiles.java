package dev.etcdprovision.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the lab's scripts in the source tree. */
final class LabFiles {
    private LabFiles() {}

    /** The project's {@code lab/} folder: from the {@code lab.dir} property, else found upwards from here. */
    static Path labDir() {
        String configured = System.getProperty("lab.dir");
        if (configured != null && Files.isRegularFile(Path.of(configured, "build-image.sh"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("lab/build-image.sh"))) {
                return dir.resolve("lab");
            }
        }
        throw new IllegalStateException(
                "cannot find lab/build-image.sh: run from the project or set -Dlab.dir=<project>/lab");
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
