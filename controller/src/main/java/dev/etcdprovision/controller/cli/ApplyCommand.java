package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.apply.Apply;
import dev.etcdprovision.controller.apply.ApplyOptions;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.workflow.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
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
            List<WorkflowRun.EventJson> events, WorkflowRun.FailureJson failure) {}

    @Override
    public Integer call() throws Exception {
        Path file = inventory.locate();
        Inventory loaded = inventory.load();
        ApplyOptions options = cluster.options(file, allowRemove);
        PrintWriter out = spec.commandLine().getOut();
        WorkflowRun<Plan> run = WorkflowRun.run(loaded, options.hostKeyPolicy(), output.json(), out,
                (access, progress) -> new Apply(access, options, progress).run());
        if (output.json()) {
            OutputOption.writeJson(out, new Report("apply", file.toString(), run.failed() ? "failed" : "ok",
                    run.progress().changedAnything(), run.seconds(), run.events(), run.failureJson()));
        } else if (!run.failed()) {
            long changes = run.progress().events().stream().filter(event -> event.outcome() == Outcome.CHANGED)
                    .count();
            out.println(String.format(Locale.ROOT, "[apply] %s: %s (%.2f s)", loaded.cluster().name(),
                    changes == 0 ? "nothing to change, the cluster matches the inventory" : "done, " + changes
                            + " change(s)", run.seconds()));
        }
        return run.exitCode(spec.commandLine().getErr());
    }
}
