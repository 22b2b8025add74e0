package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.apply.ApplyOptions;
import dev.etcdprovision.controller.apply.ReplaceNode;
import dev.etcdprovision.controller.inventory.Inventory;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replace-node}: disaster recovery of one member. */
@Command(name = "replace-node", description = {"Replaces a member whose host died (and came back as a blank machine"
        + " at the same address) or whose data is lost: removes the old member, moves its data aside, installs the"
        + " node as apply would, adds it back as a learner and promotes it once it has caught up.",
        "First it checks that the other members hold a quorum on their own and saves a snapshot on this machine."
                + " Run it again if it was interrupted: it finishes the job."})
final class ReplaceNodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NODE", description = "The name of the node in the inventory.")
    String node;
    @Mixin
    InventoryOption inventory;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    /** The outcome for scripts; {@code failure} is null when it succeeded, the ids are null when unknown. */
    record Report(String command, String node, String result, String oldMemberId, String newMemberId,
            String snapshot, double seconds, List<CommandReports.EventJson> events,
            CommandReports.FailureJson failure) {}

    @Override
    public Integer call() throws Exception {
        Path file = inventory.locate();
        Inventory loaded = inventory.load();
        ApplyOptions options = cluster.options(file, false);
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = output.json() ? Progress.quiet() : new TextProgress(out);
        Instant start = Instant.now();
        ReplaceNode.Result result = null;
        PhaseFailure failure = null;
        try (ClusterAccess access = ClusterAccess.open(loaded, options.hostKeyPolicy())) {
            result = new ReplaceNode(access, options, progress, node).run();
        } catch (PhaseFailure failed) {
            failure = failed;
        }
        double seconds = CommandReports.seconds(Duration.between(start, Instant.now()));
        if (output.json()) {
            OutputOption.writeJson(out, new Report("replace-node", node, failure == null ? "ok" : "failed",
                    result == null ? null : result.oldMemberId(), result == null ? null : result.newMemberId(),
                    result == null ? null : result.snapshot().toString(), seconds, CommandReports.events(progress),
                    CommandReports.failure(failure)));
        } else if (result != null) {
            out.println(String.format(Locale.ROOT, "[replace-node] %s: member %s replaced by %s, a healthy voter"
                    + " (%.2f s); snapshot taken before: %s", node, result.oldMemberId(), result.newMemberId(), seconds,
                    result.snapshot()));
        }
        return failure == null ? Main.OK : Failures.print(failure, spec.commandLine().getErr());
    }
}
