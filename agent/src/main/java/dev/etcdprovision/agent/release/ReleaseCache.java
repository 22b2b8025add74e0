package dev.etcdprovision.agent.release;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The controller's local cache of etcd releases. {@link #fetch} downloads an archive once
 * (https://, http:// or file://), verifies it, and extracts {@code etcd}, {@code etcdctl} and
 * {@code etcdutl} beside it with a small manifest of their sha256, so that later runs need
 * neither the network nor the archive to compare binaries with hosts.
 *
 * <p>Layout: {@code DIR/etcd-v3.5.16-linux-amd64.tar.gz} and {@code DIR/etcd-v3.5.16-linux-amd64/}
 * (binaries and {@code manifest}). Everything is written under a temporary name and renamed into
 * place, the folder last: a crashed download or extraction never counts as cached.
 */
public final class ReleaseCache {
    static final List<String> BINARIES = List.of("etcd", "etcdctl", "etcdutl");
    static final String MANIFEST = "manifest";
    private static final String PART = ".part";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /** How long a download may send nothing before it is given up. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int SUMS_LIMIT = 1 << 20;

    private final Path directory;
    private final Duration idleTimeout;

    public ReleaseCache(Path directory) {
        this(directory, IDLE_TIMEOUT);
    }

    ReleaseCache(Path directory, Duration idleTimeout) {
        this.directory = directory.toAbsolutePath();
        this.idleTimeout = idleTimeout;
    }

    /** {@code $XDG_CACHE_HOME/etcd-provision/releases}, else {@code ~/.cache/etcd-provision/releases}. */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultDirectory(Map<String, String> environment, String home) {
        String xdg = environment.getOrDefault("XDG_CACHE_HOME", "");
        Path base = xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("etcd-provision").resolve("releases");
    }

    public Path directory() {
        return directory;
    }

    /**
     * The release from the cache, or else downloaded, verified and extracted into it. A pinned
     * sha256 the cached archive does not have makes it download again (and refuse on mismatch).
     *
     * @throws ReleaseException when it cannot be downloaded, does not match its checksum, or
     *     lacks etcd or etcdctl
     */
    public synchronized Release fetch(ReleaseSource source, String version, String arch) {
        String archiveName = source.archiveName(version, arch);
        if (!archiveName.endsWith(".tar.gz") && !archiveName.endsWith(".tgz")) {
            throw new ReleaseException("the release URL " + source.archive(version, arch) + " does not name a"
                    + " .tar.gz archive", "point the release URL template at etcd's linux .tar.gz archives");
        }
        Path folder = directory.resolve(archiveName.replaceFirst("\\.(tar\\.gz|tgz)$", ""));
        Optional<Release> cached = cached(folder, source, version, arch);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                // another process may have fetched it while this one waited for the lock
                cached = cached(folder, source, version, arch);
                if (cached.isPresent()) {
                    return cached.get();
                }
                removeLeftovers();
                return download(source, version, arch, archiveName, folder);
            }
        } catch (IOException e) {
            throw new ReleaseException("cannot use the release cache " + directory + ": " + e.getMessage(),
                    "check that the folder is writable, or choose another one", e);
        }
    }

    private Optional<Release> cached(Path folder, ReleaseSource source, String version, String arch) {
        return ReleaseManifest.read(folder, version, arch)
                .filter(release -> source.pinnedSha256().map(release.archiveSha256()::equals).orElse(true));
    }

    private Release download(ReleaseSource source, String version, String arch, String archiveName, Path folder)
            throws IOException {
        URI archiveUri = source.archive(version, arch);
        String expected = expectedSha256(source, version, arch, archiveName);
        Path archivePart = Files.createTempFile(directory, "." + archiveName + ".", PART);
        Path folderPart = null;
        try {
            String actual = copyHashing(archiveUri, archivePart);
            if (!actual.equals(expected)) {
                throw new ReleaseException("the archive " + archiveUri + " has sha256 " + actual + ", but "
                        + expected + " was expected (" + checksumOrigin(source, version, arch) + "); it was not used",
                        "the download may be damaged or tampered with: check the URL and the checksum, then re-run");
            }
            folderPart = Files.createTempDirectory(directory, "." + folder.getFileName() + PART + ".");
            List<ReleaseBinary> binaries = extract(archivePart, archiveUri, "etcd-v" + version + "-linux-" + arch,
                    folderPart);
            Release release = new Release(version, arch, actual, binaries);
            ReleaseManifest.write(folderPart, release, archiveUri);
            Files.move(archivePart, directory.resolve(archiveName), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            deleteRecursively(folder);
            Files.move(folderPart, folder, StandardCopyOption.ATOMIC_MOVE);
            return ReleaseManifest.read(folder, version, arch)
                    .orElseThrow(() -> new IOException("the manifest just written to " + folder + " is unreadable"));
        } finally {
            Files.deleteIfExists(archivePart);
            if (folderPart != null) {
                deleteRecursively(folderPart);
            }
        }
    }

    private String expectedSha256(ReleaseSource source, String version, String arch, String archiveName) {
        if (source.pinnedSha256().isPresent()) {
            return source.pinnedSha256().get();
        }
        URI sumsUri = source.sums(version, arch);
        String text;
        try (InputStream in = open(sumsUri)) {
            byte[] bytes = in.readNBytes(SUMS_LIMIT + 1);
            if (bytes.length > SUMS_LIMIT) {
                throw new ReleaseException("the checksum file " + sumsUri + " is larger than 1 MiB",
                        "point the checksum URL at a SHA256SUMS file");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReleaseException("cannot download the checksum file " + sumsUri + ": " + describe(e),
                    "check the release URL and the network, or pin the archive's sha256", e);
        }
        Map<String, String> sums = Sha256Sums.parse(text);
        String expected = sums.get(archiveName);
        if (expected == null) {
            expected = sums.entrySet().stream().filter(entry -> entry.getKey().endsWith("/" + archiveName))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (expected == null) {
            throw new ReleaseException("the checksum file " + sumsUri + " has no line for " + archiveName,
                    "check the version and architecture, or pin the archive's sha256");
        }
        return expected;
    }

    private static String checksumOrigin(ReleaseSource source, String version, String arch) {
        return source.pinnedSha256().isPresent() ? "the pinned sha256" : "from " + source.sums(version, arch);
    }

    private String copyHashing(URI uri, Path target) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = open(uri);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new ReleaseException("cannot download " + uri + ": " + describe(e),
                    "check the release URL and the network; a file:// URL to a local copy works too", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The binaries from {@code top/} of the archive, each hashed while written. */
    private static List<ReleaseBinary> extract(Path archive, URI origin, String top, Path folder) throws IOException {
        List<ReleaseBinary> binaries = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            TarReader tar = new TarReader(in);
            for (Optional<TarReader.Entry> entry = tar.next(); entry.isPresent(); entry = tar.next()) {
                String name = entry.get().name();
                String binary = name.startsWith(top + "/") ? name.substring(top.length() + 1) : "";
                if (!entry.get().isFile() || !BINARIES.contains(binary)) {
                    continue; // README, Documentation/, folders
                }
                Path file = folder.resolve(binary);
                MessageDigest digest = sha256();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                    tar.content().transferTo(out);
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                binaries.add(new ReleaseBinary(binary, file, HexFormat.of().formatHex(digest.digest()),
                        Files.size(file)));
            }
        } catch (IOException e) {
            throw new ReleaseException("cannot read the archive " + origin + ": " + describe(e),
                    "the archive is not an etcd release .tar.gz; check the release URL", e);
        }
        for (String required : List.of("etcd", "etcdctl")) {
            if (binaries.stream().noneMatch(binary -> binary.name().equals(required))) {
                throw new ReleaseException("the archive " + origin + " has no " + top + "/" + required,
                        "check that the release URL points at etcd's official linux archives");
            }
        }
        return binaries;
    }

    private InputStream open(URI uri) throws IOException {
        if (uri.getScheme().equals("file")) {
            return Files.newInputStream(Path.of(uri));
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode());
            }
            return new IdleTimeoutInputStream(response.body(), idleTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Temporary files of fetches that crashed; only called while holding the cache's lock. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, ".*" + PART + "*")) {
            for (Path part : parts) {
                deleteRecursively(part);
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
