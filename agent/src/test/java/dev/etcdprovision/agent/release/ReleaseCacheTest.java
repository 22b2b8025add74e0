package dev.etcdprovision.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cache against small release fixtures through file:// URLs (the lab's real archives: ReleaseCacheIT). */
class ReleaseCacheTest {
    private static final String V999 = "f3480794d0dd5b7bdc7edd862117d2fde2ff2360201cc9b66bb74d82d59c443e";

    @TempDir
    Path mirror;
    @TempDir
    Path cacheDir;

    private ReleaseCache cache;
    private ReleaseSource source;

    @BeforeEach
    void mirror() throws IOException {
        for (String name : List.of("etcd-v9.9.9-linux-amd64.tar.gz", "etcd-v9.8.7-linux-amd64.tar.gz",
                "etcd-v9.0.1-linux-amd64.tar.gz", "SHA256SUMS")) {
            try (InputStream in = TarReaderTest.fixture(name)) {
                Files.copy(in, mirror.resolve(name));
            }
        }
        cache = new ReleaseCache(cacheDir);
        source = ReleaseSource.of(mirror.toUri() + "etcd-v{version}-linux-{arch}.tar.gz");
    }

    @Test
    void aReleaseIsVerifiedExtractedAndListedInAManifest() throws IOException {
        Release release = cache.fetch(source, "9.9.9", "amd64");

        assertEquals(V999, release.archiveSha256());
        assertEquals(List.of("etcd", "etcdctl", "etcdutl"),
                release.binaries().stream().map(ReleaseBinary::name).toList());
        ReleaseBinary etcd = release.binary("etcd").orElseThrow();
        assertEquals(cacheDir.resolve("etcd-v9.9.9-linux-amd64").resolve("etcd"), etcd.file());
        assertEquals("#!/bin/sh\necho \"etcd Version: 9.9.9\"\n", Files.readString(etcd.file()));
        assertEquals(sha256(etcd.file()), etcd.sha256());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(etcd.file())));
        assertTrue(Files.isRegularFile(cacheDir.resolve("etcd-v9.9.9-linux-amd64.tar.gz")));
        String manifest = Files.readString(cacheDir.resolve("etcd-v9.9.9-linux-amd64/manifest"));
        assertTrue(manifest.contains("binary " + etcd.sha256() + " 37 etcd\n"), manifest);
        assertFalse(Files.exists(cacheDir.resolve("etcd-v9.9.9-linux-amd64/README.md")), "only the binaries");
        assertEquals(List.of(), leftovers(), "no temporary files");
    }

    @Test
    void aSecondFetchUsesTheCacheWithoutTheSource() throws IOException {
        Release first = cache.fetch(source, "9.9.9", "amd64");
        try (Stream<Path> files = Files.list(mirror)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertEquals(first, new ReleaseCache(cacheDir).fetch(source, "9.9.9", "amd64"));
    }

    @Test
    void aReleaseWithoutEtcdutlHasTwoBinaries() {
        Release release = cache.fetch(source, "9.8.7", "amd64");
        assertEquals(List.of("etcd", "etcdctl"), release.binaries().stream().map(ReleaseBinary::name).toList());
    }

    @Test
    void aTamperedChecksumFileIsRefusedNamingBothHashesAndTheUrl() throws IOException {
        String forged = "0".repeat(64);
        Files.writeString(mirror.resolve("SHA256SUMS"), forged + "  etcd-v9.9.9-linux-amd64.tar.gz\n");

        ReleaseException refused = assertThrows(ReleaseException.class, () -> cache.fetch(source, "9.9.9", "amd64"));

        assertTrue(refused.getMessage().contains(V999), refused.getMessage());
        assertTrue(refused.getMessage().contains(forged), refused.getMessage());
        assertTrue(refused.getMessage().contains(mirror.toUri() + "etcd-v9.9.9-linux-amd64.tar.gz"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(mirror.toUri() + "SHA256SUMS"), refused.getMessage());
        assertFalse(Files.exists(cacheDir.resolve("etcd-v9.9.9-linux-amd64")), "nothing cached");
        assertFalse(Files.exists(cacheDir.resolve("etcd-v9.9.9-linux-amd64.tar.gz")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aPinnedHashWinsOverTheChecksumFile() {
        ReleaseSource pinned = source.withPinnedSha256("1".repeat(64));
        ReleaseException refused = assertThrows(ReleaseException.class, () -> cache.fetch(pinned, "9.9.9", "amd64"));
        assertTrue(refused.getMessage().contains("the pinned sha256"), refused.getMessage());
        assertTrue(refused.getMessage().contains(V999), refused.getMessage());

        assertEquals(V999, cache.fetch(source.withPinnedSha256(V999), "9.9.9", "amd64").archiveSha256());
    }

    @Test
    void aCachedArchiveThatDoesNotMatchANewPinIsFetchedAgainAndRefused() {
        cache.fetch(source, "9.9.9", "amd64");
        ReleaseSource pinned = source.withPinnedSha256("2".repeat(64));
        assertThrows(ReleaseException.class, () -> cache.fetch(pinned, "9.9.9", "amd64"));
    }

    @Test
    void aMissingArchiveOrChecksumLineSaysWhatIsMissing() throws IOException {
        ReleaseException noArchive = assertThrows(ReleaseException.class,
                () -> cache.fetch(source.withPinnedSha256(V999), "9.9.8", "amd64"));
        assertTrue(noArchive.getMessage().contains("etcd-v9.9.8-linux-amd64.tar.gz: no such file"),
                noArchive.getMessage());

        ReleaseException noLine = assertThrows(ReleaseException.class, () -> cache.fetch(source, "9.9.8", "amd64"));
        assertTrue(noLine.getMessage().contains("has no line for etcd-v9.9.8-linux-amd64.tar.gz"), noLine.getMessage());

        Files.delete(mirror.resolve("SHA256SUMS"));
        ReleaseException noSums = assertThrows(ReleaseException.class, () -> cache.fetch(source, "9.9.9", "amd64"));
        assertTrue(noSums.getMessage().contains("cannot download the checksum file"), noSums.getMessage());
    }

    @Test
    void anArchiveWithoutEtcdctlIsNoRelease() throws IOException {
        ReleaseException refused = assertThrows(ReleaseException.class, () -> cache.fetch(source, "9.0.1", "amd64"));
        assertTrue(refused.getMessage().contains("has no etcd-v9.0.1-linux-amd64/etcdctl"), refused.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void leftoversOfACrashedFetchAreRemovedAndAnIncompleteFolderDoesNotCount() throws IOException {
        Files.writeString(cacheDir.resolve(".etcd-v9.9.9-linux-amd64.tar.gz.123.part"), "half an archive");
        Files.createDirectories(cacheDir.resolve(".etcd-v9.9.9-linux-amd64.part.456"));
        Path incomplete = Files.createDirectories(cacheDir.resolve("etcd-v9.9.9-linux-amd64"));
        Files.writeString(incomplete.resolve("etcd"), "truncated");

        Release release = cache.fetch(source, "9.9.9", "amd64");

        assertEquals(37, Files.size(release.binary("etcd").orElseThrow().file()));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aDamagedCachedBinaryMakesTheReleaseFetchedAgain() throws IOException {
        Release release = cache.fetch(source, "9.9.9", "amd64");
        Files.writeString(release.binary("etcdctl").orElseThrow().file(), "x");
        Release again = cache.fetch(source, "9.9.9", "amd64");
        assertEquals(40, Files.size(again.binary("etcdctl").orElseThrow().file()));
    }

    /** A server that sends the headers and a few bytes of the archive, then nothing, until the test ends. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // an unguarded read ignores interrupts
    void aDownloadThatStopsSendingIsGivenUpNamingTheUrlAndLeavesNothing() throws Exception {
        CountDownLatch testDone = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 1 << 20);
            exchange.getResponseBody().write(new byte[] {0x1f, (byte) 0x8b});
            exchange.getResponseBody().flush();
            try {
                testDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/etcd-v9.9.9-linux-amd64.tar.gz";
            ReleaseCache stalling = new ReleaseCache(cacheDir, Duration.ofSeconds(1));

            ReleaseException given = assertThrows(ReleaseException.class,
                    () -> stalling.fetch(ReleaseSource.of(url).withPinnedSha256(V999), "9.9.9", "amd64"));

            assertTrue(given.getMessage().contains("cannot download " + url + ": no data received for 1 s"),
                    given.getMessage());
            assertFalse(Files.exists(cacheDir.resolve("etcd-v9.9.9-linux-amd64")), "nothing cached");
            assertEquals(List.of(), leftovers());
        } finally {
            testDone.countDown();
            server.stop(0);
        }
    }

    @Test
    void theDefaultFolderFollowsXdgCacheHome() {
        assertEquals(Path.of("/xdg/etcd-provision/releases"),
                ReleaseCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/op"));
        assertEquals(Path.of("/home/op/.cache/etcd-provision/releases"),
                ReleaseCache.defaultDirectory(Map.of(), "/home/op"));
        assertEquals(Path.of("/home/op/.cache/etcd-provision/releases"),
                ReleaseCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/op"),
                "the XDG spec says to ignore a relative path");
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.contains(".part")).toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
