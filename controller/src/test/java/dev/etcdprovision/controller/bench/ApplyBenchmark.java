package dev.etcdprovision.controller.bench;

import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        Launcher launcher = new Launcher();
        try (Lab lab = Lab.withHosts(3).start()) {
            LabInventory three = LabInventory.in(lab, "bench");
            Path threeNodes = three.write();
            // untimed: fills the release cache and the launcher's class data archive
            launcher.run("apply", threeNodes.toString());

            List<Double> forming = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                lab.replaceAllWithBlank();
                deleteRecursively(three.pki());
                forming.add(launcher.run("apply", threeNodes.toString()));
            }
            List<Double> noOp = new ArrayList<>();
            for (int i = 0; i < NO_OP_RUNS; i++) {
                noOp.add(launcher.run("apply", threeNodes.toString()));
            }
            List<Double> growing = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                lab.replaceAllWithBlank();
                deleteRecursively(three.pki());
                LabInventory inventory = LabInventory.in(lab, "grow-" + i);
                launcher.run("apply", inventory.hosts(List.of(lab.host(1))).write().toString());
                growing.add(launcher.run("apply", inventory.hosts(lab.hosts()).write().toString()));
            }
            Launcher.print("form a 3-member cluster from bare hosts", forming, 5.0);
            Launcher.print("no-op re-apply of 3 members", noOp, 1.5);
            Launcher.print("grow from 1 to 3 members", growing, 8.0);
        }
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
