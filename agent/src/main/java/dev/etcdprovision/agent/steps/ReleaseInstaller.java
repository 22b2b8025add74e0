package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.Stdin;
import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseBinary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A release's binaries in a folder of their own (e.g. {@code /opt/etcd/v3.5.16/}), root-owned and
 * executable. A binary whose sha256 already matches is not sent; one that is sent is verified on
 * the host before it replaces anything.
 */
public final class ReleaseInstaller {
    public static final Ownership BINARY = new Ownership("root", "root", 0755);

    private final Host host;

    public ReleaseInstaller(Host host) {
        this.host = host;
    }

    /** The paths whose state {@link #install(Release, String, Map)} needs: the folder, then each binary. */
    public static List<String> paths(Release release, String directory) {
        RemotePath.require(directory);
        List<String> paths = new ArrayList<>(List.of(directory));
        release.binaries().forEach(binary -> paths.add(target(directory, binary)));
        return paths;
    }

    /** Asks the host for the state of the folder and binaries (one round trip), then installs. */
    public StepResult install(Release release, String directory) {
        return install(release, directory, Facts.describe(host, step(release), paths(release, directory)));
    }

    /**
     * Installs from states already gathered (e.g. facts queried with {@link #paths}): when all
     * binaries are in place, nothing is sent.
     */
    public StepResult install(Release release, String directory, Map<String, PathState> known) {
        List<String> paths = paths(release, directory);
        paths.stream().filter(path -> !known.containsKey(path)).findFirst().ifPresent(path -> {
            throw new IllegalArgumentException("no state given for " + path);
        });
        StepResult folder = new Directories(host).ensure(directory, BINARY, known.get(directory));
        List<String> sent = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        List<StepResult> results = putAll(release, directory, known);
        for (int i = 0; i < results.size(); i++) {
            ReleaseBinary binary = release.binaries().get(i);
            if (results.get(i).changed()) {
                (known.get(target(directory, binary)).hasContent(binary.sha256()) ? fixed : sent).add(binary.name());
            }
        }
        if (!folder.changed() && sent.isEmpty() && fixed.isEmpty()) {
            return StepResult.unchanged("etcd " + release.version() + " in place");
        }
        List<String> parts = new ArrayList<>();
        if (!sent.isEmpty()) {
            parts.add("uploaded " + String.join(", ", sent));
        }
        if (!fixed.isEmpty()) {
            parts.add("fixed owner and mode of " + String.join(", ", fixed));
        }
        if (parts.isEmpty()) {
            parts.add("created " + directory);
        }
        return StepResult.changed(String.join("; ", parts));
    }

    /**
     * The binaries side by side, each on its own session of the one connection: a third faster
     * than one after the other here, as encryption on one side and hashing and fsync on the other
     * overlap.
     */
    private List<StepResult> putAll(Release release, String directory, Map<String, PathState> known) {
        ExecutorService pool = Executors.newFixedThreadPool(release.binaries().size());
        try {
            List<Future<StepResult>> uploads = new ArrayList<>();
            for (ReleaseBinary binary : release.binaries()) {
                String target = target(directory, binary);
                // compressed: a third of the bytes through SSH's cipher, the controller's slowest part
                Upload upload = new Upload(step(release), target, binary.sha256(), binary.size(), BINARY,
                        Stdin.of(Compressed.copyOf(binary.file())), true);
                uploads.add(pool.submit(() -> upload.put(host, known.get(target))));
            }
            List<StepResult> results = new ArrayList<>();
            for (Future<StepResult> upload : uploads) {
                results.add(upload.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing on " + host.id(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String target(String directory, ReleaseBinary binary) {
        return directory + "/" + binary.name();
    }

    private static String step(Release release) {
        return "install etcd " + release.version();
    }
}
