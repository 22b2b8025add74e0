package dev.etcdprovision.controller.operate;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.apply.Failures;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.SnapshotInfo;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.Observer;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code snapshot save}: the whole key-value store streamed from one healthy member to a file on
 * this machine, written to a temporary file and renamed when complete.
 */
public final class SnapshotSave {
    static final String NAME = "snapshot";
    /** The UTC time in the names of snapshots and restored clusters: 20261121T093000Z. */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SnapshotSave() {}

    /** The snapshot saved, and the member it came from. */
    public record Saved(SnapshotInfo snapshot, String member, Duration took) {}

    /**
     * {@code <folder>/<cluster>-<UTC time>.db}; when a snapshot of that second exists already,
     * {@code -2}, {@code -3}... is added, so a snapshot never replaces another.
     */
    public static Path defaultFile(Path folder, String cluster, Instant now) {
        return backupFile(folder, cluster, "", now);
    }

    /**
     * {@code <folder>/<cluster>-<UTC time>-<purpose>.db} (no {@code -<purpose>} when empty), never
     * the name of a snapshot there already, as {@link #defaultFile}.
     */
    public static Path backupFile(Path folder, String cluster, String purpose, Instant now) {
        String stem = cluster + "-" + STAMP.format(now) + (purpose.isEmpty() ? "" : "-" + purpose);
        Path file = folder.resolve(stem + ".db");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(stem + "-" + n + ".db");
        }
        return file;
    }

    /** Saves a snapshot from the first healthy voting member, in inventory order, to {@code file}. */
    public static Saved save(ClusterAccess access, Path file) {
        return save(access, file, Set.of());
    }

    /** The same, from none of the members named in {@code leftOut} (one about to be replaced). */
    public static Saved save(ClusterAccess access, Path file, Set<String> leftOut) {
        Instant start = Instant.now();
        ClusterObservation cluster = new Observer(access).observeCluster().join();
        ClusterMember source = healthyMember(access, cluster, leftOut).orElseThrow(() -> PhaseFailure.on(NAME, "cluster",
                "no member is healthy to take a snapshot from (" + cluster.problem().orElse(describe(cluster)) + ")",
                "`etcd-provision status` shows the members; a snapshot needs one that serves reads, which needs a"
                        + " quorum"));
        SnapshotInfo snapshot;
        try {
            snapshot = access.cluster().snapshot(source.clientUrls().get(0), file.toAbsolutePath());
        } catch (RuntimeException e) {
            throw Failures.of(NAME, e);
        }
        return new Saved(snapshot, source.name(), Duration.between(start, Instant.now()));
    }

    private static Optional<ClusterMember> healthyMember(ClusterAccess access, ClusterObservation cluster,
                                                         Set<String> leftOut) {
        List<String> order = access.inventory().nodeNames();
        return cluster.voters().stream().filter(member -> cluster.healthy(member.id()))
                .filter(member -> !leftOut.contains(member.name()))
                .filter(member -> !member.clientUrls().isEmpty())
                .sorted((a, b) -> Integer.compare(rank(order, a), rank(order, b)))
                .findFirst();
    }

    /** Inventory nodes first, in inventory order; other members after them. */
    private static int rank(List<String> order, ClusterMember member) {
        int index = order.indexOf(member.name());
        return index < 0 ? order.size() : index;
    }

    private static String describe(ClusterObservation cluster) {
        return cluster.health().values().stream().map(health -> health.endpoint() + ": " + health.error())
                .reduce((a, b) -> a + "; " + b).orElse("no member answered");
    }
}
