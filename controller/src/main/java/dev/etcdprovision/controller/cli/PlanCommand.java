package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.apply.ApplyOptions;
import dev.etcdprovision.controller.apply.Planning;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plan}: what apply would do, changing nothing anywhere. */
@Command(name = "plan", description = {"Shows what apply would do, changing nothing: per node the files that would"
        + " change (with the changed lines of text files), installs, starts and restarts, and the member changes.",
        "With --detailed-exitcode: 0 when there is nothing to change, 2 when there is, 1 on errors."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    InventoryArgument inventory;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    @Option(names = "--allow-remove", description = "Plan the removal of members that are not in the inventory.")
    boolean allowRemove;

    @Option(names = "--detailed-exitcode", description = "Exit 0 for no changes, 2 for changes, 1 for errors.")
    boolean detailedExitCode;

    @Override
    public Integer call() throws Exception {
        Path file = inventory.locate();
        Inventory loaded = inventory.load();
        ApplyOptions options = cluster.options(file, allowRemove);
        PrintWriter out = spec.commandLine().getOut();
        Plan plan;
        try (ClusterAccess access = ClusterAccess.open(loaded, options.hostKeyPolicy())) {
            plan = Planning.run(access, options, new PkiGenerator().assess(loaded, Instant.now())).plan();
        } catch (PhaseFailure failure) {
            int code = Failures.print(failure, spec.commandLine().getErr());
            return detailedExitCode ? Main.FAILURE : code;
        }
        if (output.json()) {
            OutputOption.writeJson(out, PlanJson.of(plan));
        } else {
            PlanPrinter.print(plan, loaded, out);
        }
        if (plan.refused()) {
            return detailedExitCode ? Main.FAILURE : Main.PREFLIGHT;
        }
        return detailedExitCode && plan.hasChanges() ? Main.CHANGES_PENDING : Main.OK;
    }
}
