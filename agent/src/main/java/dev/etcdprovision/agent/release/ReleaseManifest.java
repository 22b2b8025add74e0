package dev.etcdprovision.agent.release;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small text file beside a release's extracted binaries that lets a later run compare them with
 * hosts without reading the archive again:
 *
 * <pre>
 * archive SHA256 ARCHIVE_URL
 * binary SHA256 SIZE NAME
 * </pre>
 */
final class ReleaseManifest {
    private ReleaseManifest() {}

    static void write(Path folder, Release release, URI source) throws IOException {
        StringBuilder text = new StringBuilder("# etcd ").append(release.version()).append(' ')
                .append(release.arch()).append(", verified and extracted by etcd-provision\n");
        text.append("archive ").append(release.archiveSha256()).append(' ').append(source).append('\n');
        for (ReleaseBinary binary : release.binaries()) {
            text.append("binary ").append(binary.sha256()).append(' ').append(binary.size()).append(' ')
                    .append(binary.name()).append('\n');
        }
        Path file = folder.resolve(ReleaseCache.MANIFEST);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        // The folder is renamed into place next; its content must be on disk before.
        for (ReleaseBinary binary : release.binaries()) {
            force(binary.file());
        }
        force(file);
    }

    /**
     * The release whose manifest is in {@code folder}, when it is complete: every listed binary
     * present with its size (a cheap check; the hosts verify sha256 on every upload anyway).
     */
    static Optional<Release> read(Path folder, String version, String arch) {
        Path file = folder.resolve(ReleaseCache.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String archiveSha256 = null;
            List<ReleaseBinary> binaries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields[0].equals("archive") && fields.length >= 2) {
                    archiveSha256 = fields[1];
                } else if (fields[0].equals("binary") && fields.length == 4) {
                    Path binary = folder.resolve(fields[3]);
                    long size = Long.parseLong(fields[2]);
                    if (!ReleaseCache.BINARIES.contains(fields[3]) || !Files.isRegularFile(binary)
                            || Files.size(binary) != size) {
                        return Optional.empty();
                    }
                    binaries.add(new ReleaseBinary(fields[3], binary, fields[1], size));
                }
            }
            if (archiveSha256 == null || binaries.stream().noneMatch(binary -> binary.name().equals("etcd"))) {
                return Optional.empty();
            }
            return Optional.of(new Release(version, arch, archiveSha256, binaries));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // fetched again, which rewrites it
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
