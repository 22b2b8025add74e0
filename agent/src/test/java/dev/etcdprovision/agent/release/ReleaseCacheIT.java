package dev.etcdprovision.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.steps.ReleaseInstaller;
import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.SshSettings;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real release archives (built by the lab from Debian's etcd) through file:// and http://. */
class ReleaseCacheIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(1);

    @TempDir
    Path cacheDir;

    @Test
    void bothVersionsComeThroughFileUrlsAndTheirBinariesRun() throws Exception {
        ReleaseCache cache = new ReleaseCache(cacheDir);
        ReleaseSource source = ReleaseSource.of(EtcdReleases.fileUrlTemplate());

        Release v35 = cache.fetch(source, EtcdReleases.V3_5, "amd64");
        assertEquals(List.of("etcd", "etcdctl", "etcdutl"), names(v35));
        assertTrue(run(v35.binary("etcd").orElseThrow().file().toString(), "--version")
                .contains("etcd Version: " + EtcdReleases.V3_5));
        for (ReleaseBinary binary : v35.binaries()) {
            assertEquals(gnuTarSha256(EtcdReleases.archive(EtcdReleases.V3_5),
                    "etcd-v" + EtcdReleases.V3_5 + "-linux-amd64/" + binary.name()), binary.sha256());
        }

        Release v34 = cache.fetch(source, EtcdReleases.V3_4, "amd64");
        assertEquals(List.of("etcd", "etcdctl"), names(v34), "3.4 has no etcdutl");
        assertTrue(run(v34.binary("etcdctl").orElseThrow().file().toString(), "version")
                .contains("etcdctl version: " + EtcdReleases.V3_4));
    }

    @Test
    void overHttpTheArchiveIsFetchedOnceAndALaterRunNeedsNoNetwork() {
        Release fetched;
        ReleaseSource source;
        try (EtcdReleases.HttpReleaseServer server = EtcdReleases.serveOverHttp()) {
            source = ReleaseSource.of(server.urlTemplate());
            fetched = new ReleaseCache(cacheDir).fetch(source, EtcdReleases.V3_5, "amd64");
        }
        Release cached = new ReleaseCache(cacheDir).fetch(source, EtcdReleases.V3_5, "amd64");
        assertEquals(fetched, cached);
        Release fromFile = new ReleaseCache(cacheDir.resolve("other"))
                .fetch(ReleaseSource.of(EtcdReleases.fileUrlTemplate()), EtcdReleases.V3_5, "amd64");
        assertEquals(fromFile.binaries().stream().map(ReleaseBinary::sha256).toList(),
                fetched.binaries().stream().map(ReleaseBinary::sha256).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "http"})
    void aTamperedChecksumIsRefusedBeforeAnythingReachesAHost(String scheme, @TempDir Path mirror) throws IOException {
        String archiveName = "etcd-v" + EtcdReleases.V3_5 + "-linux-amd64.tar.gz";
        Files.copy(EtcdReleases.archive(EtcdReleases.V3_5), mirror.resolve(archiveName));
        String genuine = Files.readString(EtcdReleases.directory().resolve("SHA256SUMS"));
        String real = genuine.lines().filter(line -> line.endsWith(archiveName)).findFirst().orElseThrow()
                .substring(0, 64);
        String forged = new StringBuilder(real).reverse().toString();
        Files.writeString(mirror.resolve("SHA256SUMS"), genuine.replace(real, forged), StandardCharsets.UTF_8);

        LabHost labHost = lab.host(1);
        try (EtcdReleases.HttpReleaseServer server = EtcdReleases.serveOverHttp(mirror);
                HostConnections connections = HostConnections.open(SshSettings.of(labHost.name(), labHost.address(),
                        "root", lab.privateKey(), lab.knownHosts()))) {
            String template = scheme.equals("http") ? server.urlTemplate()
                    : mirror.toUri() + "etcd-v{version}-linux-{arch}.tar.gz";
            ReleaseSource source = ReleaseSource.of(template);
            ReleaseException refused = assertThrows(ReleaseException.class, () -> {
                Release release = new ReleaseCache(cacheDir).fetch(source, EtcdReleases.V3_5, "amd64");
                new ReleaseInstaller(connections.host(labHost.name())).install(release, "/opt/etcd/v3.5.16");
            });
            String archiveUrl = template.replace("{version}", EtcdReleases.V3_5).replace("{arch}", "amd64");
            String sumsUrl = archiveUrl.replace(archiveName, "SHA256SUMS");
            assertEquals("the archive " + archiveUrl + " has sha256 " + real + ", but " + forged
                    + " was expected (from " + sumsUrl + "); it was not used", refused.getMessage());
            assertTrue(refused.hint().contains("tampered"));
        }
        assertEquals(1, labHost.sh("test -e /opt/etcd").exitCode(), "nothing reached the host");
        try (var left = Files.list(cacheDir)) {
            assertEquals(List.of(".lock"), left.map(path -> path.getFileName().toString()).toList(),
                    "nothing was cached");
        }
    }

    @Test
    void aMissingVersionIsNamedWithTheHttpStatus() {
        try (EtcdReleases.HttpReleaseServer server = EtcdReleases.serveOverHttp()) {
            ReleaseSource source = ReleaseSource.of(server.urlTemplate());
            ReleaseException noLine = assertThrows(ReleaseException.class,
                    () -> new ReleaseCache(cacheDir).fetch(source, "3.5.99", "amd64"));
            assertTrue(noLine.getMessage().endsWith("SHA256SUMS has no line for etcd-v3.5.99-linux-amd64.tar.gz"),
                    noLine.getMessage());
            ReleaseException notFound = assertThrows(ReleaseException.class,
                    () -> new ReleaseCache(cacheDir).fetch(source.withPinnedSha256("a".repeat(64)), "3.5.99", "amd64"));
            assertTrue(notFound.getMessage().endsWith("etcd-v3.5.99-linux-amd64.tar.gz: HTTP 404"),
                    notFound.getMessage());
        }
    }

    private static List<String> names(Release release) {
        return release.binaries().stream().map(ReleaseBinary::name).toList();
    }

    /** GNU tar as the independent reader: the sha256 of one member of the archive. */
    private static String gnuTarSha256(Path archive, String member) throws Exception {
        return run("sh", "-c", "tar -xzOf \"$0\" \"$1\" | sha256sum", archive.toString(), member).substring(0, 64);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
