package dev.etcdprovision.controller.bench;

import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wall seconds of the day-2 commands as an operator runs them ({@code bin/etcd-provision}, JVM
 * start included) on a 3-member lab cluster: status (healthy, and with a member's host down),
 * env, snapshot save, defrag, logs, and a restore after two of the three hosts were reinstalled.
 * Medians of several runs.
 *
 * <pre>lab/benchmark.sh OperationsBenchmark</pre>
 */
public final class OperationsBenchmark {
    private static final int RUNS = 5;
    private static final int RESTORE_RUNS = 3;

    private OperationsBenchmark() {}

    public static void main(String[] args) {
        Launcher launcher = new Launcher();
        try (Lab lab = Lab.withHosts(3).start()) {
            LabInventory three = LabInventory.in(lab, "bench-operations");
            String inventory = three.write().toString();
            // untimed: fills the release cache and the launcher's class data archive
            launcher.run("apply", inventory);
            Path snapshot = three.folder().resolve("bench.db");
            launcher.run("snapshot", "save", snapshot.toString(), "-i", inventory);

            Launcher.print("status of 3 healthy members", times(RUNS, () -> launcher.run("status", "-i", inventory)),
                    1.5);
            Launcher.print("env (no network)", times(RUNS, () -> launcher.run("env", "-i", inventory)), 1.0);
            Launcher.print("snapshot save", times(RUNS, () -> launcher.run("snapshot", "save", snapshot.toString(),
                    "-i", inventory)), 2.0);
            Launcher.print("defrag of 3 members", times(RUNS, () -> launcher.run("defrag", "-i", inventory)), 2.0);
            Launcher.print("logs -n 100 of one node", times(RUNS, () -> launcher.run("logs", "etcd1", "-i",
                    inventory)), 1.5);

            List<Double> restores = new ArrayList<>();
            for (int i = 0; i < RESTORE_RUNS; i++) {
                // two hosts lost for good; the third keeps its etcd running without a quorum
                for (LabHost host : List.of(lab.host(2), lab.host(3))) {
                    host.replaceWithBlank(LabHost.HostKeys.RECORD_NEW);
                }
                restores.add(launcher.run("snapshot", "restore", snapshot.toString(), "-i", inventory));
            }
            Launcher.print("restore after losing 2 of 3 hosts", restores, 15.0);

            lab.host(3).kill();
            // exit code 1 is what status says of a cluster with a member down: time it anyway
            Launcher.print("status with one host down", times(RUNS, () -> launcher.runAnyExit("status", "-i",
                    inventory)), 1.5);
        }
    }

    private static List<Double> times(int runs, Supplier<Double> run) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            seconds.add(run.get());
        }
        return seconds;
    }
}
