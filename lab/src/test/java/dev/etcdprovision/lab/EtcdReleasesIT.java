package dev.etcdprovision.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdReleasesIT {

    @Test
    void bothArchivesAreBuiltAndTheirSumsVerify() {
        Path dir = EtcdReleases.directory();
        Command.Result check = runIn(dir, "sha256sum", "-c", "SHA256SUMS");
        assertEquals(0, check.exitCode(), check.stderr());
        assertTrue(check.stdout().contains("etcd-v3.4.23-linux-amd64.tar.gz: OK"), check.stdout());
        assertTrue(check.stdout().contains("etcd-v3.5.16-linux-amd64.tar.gz: OK"), check.stdout());
    }

    @Test
    void archivesHaveTheOfficialLayout() {
        assertEquals(List.of("etcd-v3.4.23-linux-amd64/", "etcd-v3.4.23-linux-amd64/etcd",
                        "etcd-v3.4.23-linux-amd64/etcdctl"),
                listing(EtcdReleases.archive(EtcdReleases.V3_4)));
        assertEquals(List.of("etcd-v3.5.16-linux-amd64/", "etcd-v3.5.16-linux-amd64/etcd",
                        "etcd-v3.5.16-linux-amd64/etcdctl", "etcd-v3.5.16-linux-amd64/etcdutl"),
                listing(EtcdReleases.archive(EtcdReleases.V3_5)));
    }

    @Test
    void theBinariesInsideReportTheirVersion() throws IOException {
        Path unpacked = Files.createTempDirectory("etcd-release");
        try {
            Path archive = EtcdReleases.archive(EtcdReleases.V3_5);
            Command.check(Duration.ofMinutes(1), "tar", "-xzf", archive.toString(), "-C", unpacked.toString());
            String version = Command.check(Duration.ofSeconds(30),
                    unpacked.resolve("etcd-v3.5.16-linux-amd64/etcd").toString(), "--version");
            assertTrue(version.contains("etcd Version: 3.5.16"), version);
        } finally {
            LabFiles.deleteRecursively(unpacked);
        }
    }

    @Test
    void theHttpServerServesTheSameBytes() throws IOException {
        try (EtcdReleases.HttpReleaseServer server = EtcdReleases.serveOverHttp()) {
            URL url = URI.create(server.urlTemplate().replace("{version}", EtcdReleases.V3_4)
                    .replace("{arch}", "amd64")).toURL();
            assertTrue(url.getHost().startsWith("127."), "loopback only: " + url);
            try (InputStream in = url.openStream()) {
                assertArrayEquals(Files.readAllBytes(EtcdReleases.archive(EtcdReleases.V3_4)), in.readAllBytes());
            }
        }
    }

    private static List<String> listing(Path archive) {
        return Command.check(Duration.ofMinutes(1), "tar", "-tzf", archive.toString()).lines().sorted().toList();
    }

    private static Command.Result runIn(Path dir, String... command) {
        String[] inDir = new String[command.length + 2];
        inDir[0] = "env";
        inDir[1] = "--chdir=" + dir;
        System.arraycopy(command, 0, inDir, 2, command.length);
        return Command.run(Duration.ofMinutes(1), inDir);
    }
}
