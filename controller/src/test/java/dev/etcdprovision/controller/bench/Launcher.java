package dev.etcdprovision.controller.bench;

import dev.etcdprovision.controller.lab.LocalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code bin/etcd-provision} as an operator runs it (a fresh JVM each time), timed; and how a benchmark prints a figure. */
final class Launcher {
    private final Path launcher = Path.of(System.getProperty("project.root", "."), "bin", "etcd-provision")
            .toAbsolutePath();

    /** Runs the launcher and returns its wall seconds; a failed run stops the benchmark. */
    double run(String... args) {
        return time(true, args);
    }

    /** The same for a command whose exit code says something else than success (status of a broken cluster). */
    double runAnyExit(String... args) {
        return time(false, args);
    }

    private double time(boolean mustSucceed, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        LocalProcess.Result result = LocalProcess.run(Duration.ofMinutes(5), command);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (mustSucceed && result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed:\n" + result.stdout() + result.stderr());
        }
        return seconds;
    }

    /** One line: the median, the fastest and the slowest run, against the target. */
    static void print(String what, List<Double> seconds, double target) {
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "%-42s median %5.2f s  (min %5.2f, max %5.2f, %d runs; target < %.1f s)%n",
                what, median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), target);
    }
}
