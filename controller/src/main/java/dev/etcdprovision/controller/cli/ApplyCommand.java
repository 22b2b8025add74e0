package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.apply.Apply;
import dev.etcdprovision.controller.apply.ApplyOptions;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import dev.etcdprovision.controller.workflow.TextProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code apply}: make the cluster what the inventory says, changing only what differs. */
@Command(name = "apply", description = {"Makes the cluster what the inventory says: binaries, certificates,"
        + " configuration and units on every node; forms a new cluster, or converges a running one (restarts one"
        + " member at a time, upgrades, grows and shrinks), then verifies it.",
        "Safe to run again at any time: what is in place is skipped, and a run that was interrupted is finished."})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    InventoryArgument inventory;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    @Option(names = "--allow-remove", description = "Remove members that are not in the inventory (one at a time;"
            + " etcd is stopped and disabled on their hosts and their data moved aside).")
    boolean allowRemove;

    /** The outcome for scripts. {@code failure} is null when apply succeeded. */
    record Report(String command, String inventory, String result, boolean changed, double seconds,
            List<CommandReports.EventJson> events, CommandReports.FailureJson failure) {}

    @Override
    public Integer call() throws Exception {
        Path file = inventory.locate();
        Inventory loaded = inventory.load();
        ApplyOptions options = cluster.options(file, allowRemove);
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = output.json() ? Progress.quiet() : new TextProgress(out);
        Instant start = Instant.now();
        PhaseFailure failure = null;
        try (ClusterAccess access = ClusterAccess.open(loaded, options.hostKeyPolicy())) {
            new Apply(access, options, progress).run();
        } catch (PhaseFailure failed) {
            failure = failed;
        }
        Duration took = Duration.between(start, Instant.now());
        if (output.json()) {
            OutputOption.writeJson(out, new Report("apply", file.toString(), failure == null ? "ok" : "failed",
                    progress.changedAnything(), CommandReports.seconds(took), CommandReports.events(progress),
                    CommandReports.failure(failure)));
        } else if (failure == null) {
            long changes = progress.events().stream().filter(event -> event.outcome() == Outcome.CHANGED).count();
            out.println(String.format(Locale.ROOT, "[apply] %s: %s (%.2f s)", loaded.cluster().name(),
                    changes == 0 ? "nothing to change, the cluster matches the inventory" : "done, " + changes
                            + " change(s)", CommandReports.seconds(took)));
        }
        if (failure != null) {
            return Failures.print(failure, spec.commandLine().getErr());
        }
        return Main.OK;
    }
}
