package dev.etcdprovision.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * etcd release archives in the official layout ({@code etcd-vX.Y.Z-linux-amd64.tar.gz} and
 * {@code SHA256SUMS}), built from Debian's packages by {@code lab/build-etcd-releases.sh}.
 */
public final class EtcdReleases {
    /** Debian bookworm's etcd. */
    public static final String V3_4 = "3.4.23";
    /** Debian trixie's etcd. */
    public static final String V3_5 = "3.5.16";

    private static Path directory;

    private EtcdReleases() {}

    /** The folder holding both archives and SHA256SUMS; built on first use (about 20 s), then cached. */
    public static synchronized Path directory() {
        if (directory == null) {
            String configured = System.getProperty("lab.releases");
            Path out = configured != null ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".cache", "etcd-provision-lab", "releases");
            String script = LabFiles.labDir().resolve("build-etcd-releases.sh").toString();
            directory = Path.of(Command.check(Duration.ofMinutes(10), script, out.toString()).strip());
        }
        return directory;
    }

    /** The archive of one version. */
    public static Path archive(String version) {
        Path archive = directory().resolve("etcd-v" + version + "-linux-amd64.tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("the lab has no etcd " + version + " archive; it has "
                    + V3_4 + " and " + V3_5);
        }
        return archive;
    }

    /**
     * A release URL template as an inventory takes it ({@code {version}} and {@code {arch}} are
     * filled in by the controller), pointing at the lab's archives by {@code file://}.
     */
    public static String fileUrlTemplate() {
        return directory().toUri() + "etcd-v{version}-linux-{arch}.tar.gz";
    }

    /** Serves the release folder over plain HTTP on a loopback address until closed. */
    public static HttpReleaseServer serveOverHttp() {
        return new HttpReleaseServer(directory());
    }

    /** Serves another folder the same way, e.g. a copy of the releases with a tampered SHA256SUMS. */
    public static HttpReleaseServer serveOverHttp(Path folder) {
        return new HttpReleaseServer(folder.toAbsolutePath());
    }

    /** A minimal static file server for the release folder, on 127.0.0.1 and a free port. */
    public static final class HttpReleaseServer implements AutoCloseable {
        private final HttpServer server;

        HttpReleaseServer(Path root) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String name = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
                Path file = root.resolve(name).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            });
            server.start();
        }

        /** {@code http://127.0.0.1:PORT/etcd-v{version}-linux-{arch}.tar.gz} */
        public String urlTemplate() {
            return baseUri() + "etcd-v{version}-linux-{arch}.tar.gz";
        }

        public URI baseUri() {
            InetSocketAddress address = server.getAddress();
            return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
