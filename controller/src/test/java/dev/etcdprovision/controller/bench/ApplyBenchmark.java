package dev.etcdprovision.controller.bench;

import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.controller.lab.LocalProcess;
import dev.etcdprovision.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Wall seconds of {@code bin/etcd-provision apply} as an operator runs it (JVM start included), on
 * three lab hosts, with the release archive already in the cache: forming a cluster from bare
 * hosts, a no-op re-apply, and growing from one member to three. Medians of several runs.
 *
 * <pre>lab/benchmark.sh ApplyBenchmark</pre>
 */
public final class ApplyBenchmark {
    private static final int RUNS = 3;
    private static final int NO_OP_RUNS = 7;

    private ApplyBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path launcher = Path.of(System.getProperty("project.root", "."), "bin", "etcd-provision").toAbsolutePath();
        try (Lab lab = Lab.withHosts(3).start()) {
            LabInventory three = LabInventory.in(lab, "bench");
            Path threeNodes = three.write();
            // untimed: fills the release cache and the launcher's class data archive
            run(launcher, "apply", threeNodes);

            List<Double> forming = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                lab.replaceAllWithBlank();
                deleteRecursively(three.pki());
                forming.add(run(launcher, "apply", threeNodes));
            }
            List<Double> noOp = new ArrayList<>();
            for (int i = 0; i < NO_OP_RUNS; i++) {
                noOp.add(run(launcher, "apply", threeNodes));
            }
            List<Double> growing = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                lab.replaceAllWithBlank();
                deleteRecursively(three.pki());
                LabInventory inventory = LabInventory.in(lab, "grow-" + i);
                run(launcher, "apply", inventory.hosts(List.of(lab.host(1))).write());
                growing.add(run(launcher, "apply", inventory.hosts(lab.hosts()).write()));
            }
            print("form a 3-member cluster from bare hosts", forming, 5.0);
            print("no-op re-apply of 3 members", noOp, 1.5);
            print("grow from 1 to 3 members", growing, 8.0);
        }
    }

    /** Runs the launcher and returns its wall seconds; a failed run stops the benchmark. */
    private static double run(Path launcher, String command, Path inventory) {
        long start = System.nanoTime();
        LocalProcess.Result result = LocalProcess.run(Duration.ofMinutes(5),
                List.of(launcher.toString(), command, inventory.toString()));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " failed:\n" + result.stdout() + result.stderr());
        }
        return seconds;
    }

    private static void print(String what, List<Double> seconds, double target) {
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "%-42s median %5.2f s  (min %5.2f, max %5.2f, %d runs; target < %.1f s)%n",
                what, median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), target);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
