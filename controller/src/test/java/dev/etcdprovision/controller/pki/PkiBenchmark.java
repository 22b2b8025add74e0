package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How long {@code certs generate} takes for a 3-node cluster (CA + 11 certificates, written and
 * synced to disk), after JVM warm-up: the full set from nothing, and a second run that keeps
 * everything. Run with {@code lab/benchmark.sh Pki}.
 */
public final class PkiBenchmark {
    private PkiBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("pki-benchmark");
        try {
            measure(scratch, KeyAlgorithm.ECDSA_P256, 30, 50);
            measure(scratch, KeyAlgorithm.RSA_2048, 2, 5);
            measure(scratch, KeyAlgorithm.RSA_4096, 0, 2);
        } finally {
            delete(scratch);
        }
    }

    private static void measure(Path scratch, KeyAlgorithm algorithm, int warmUps, int runs) throws Exception {
        PkiGenerator generator = new PkiGenerator();
        List<Double> full = new ArrayList<>();
        List<Double> rerun = new ArrayList<>();
        for (int i = 0; i < warmUps + runs; i++) {
            Inventory inventory = TestInventories.threeNodes(scratch.resolve(algorithm + "-" + i), algorithm);
            long start = System.nanoTime();
            PkiReport report = generator.generate(inventory, Instant.now());
            long made = System.nanoTime();
            PkiReport again = generator.generate(inventory, Instant.now());
            long kept = System.nanoTime();
            if (report.count(PkiReport.Action.CREATED) != 12 || again.changed()) {
                throw new IllegalStateException("unexpected outcome: " + report + " then " + again);
            }
            if (i >= warmUps) {
                full.add((made - start) / 1e6);
                rerun.add((kept - made) / 1e6);
            }
            delete(inventory.pki().dir());
        }
        System.out.printf("%s full set for 3 nodes (CA + 11): median %.1f ms, min %.1f ms, max %.1f ms (%d runs"
                + " after %d warm-up)%n", algorithm, median(full), Collections.min(full), Collections.max(full), runs,
                warmUps);
        System.out.printf("%s second run, all reused: median %.1f ms%n", algorithm, median(rerun));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
