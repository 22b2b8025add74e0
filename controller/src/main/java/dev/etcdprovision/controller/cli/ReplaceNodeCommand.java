package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.apply.ApplyOptions;
import dev.etcdprovision.controller.apply.ReplaceNode;
import dev.etcdprovision.controller.inventory.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
            String snapshot, double seconds, List<WorkflowRun.EventJson> events,
            WorkflowRun.FailureJson failure) {}

    @Override
    public Integer call() throws Exception {
        Path file = inventory.locate();
        Inventory loaded = inventory.load();
        ApplyOptions options = cluster.options(file, false);
        PrintWriter out = spec.commandLine().getOut();
        WorkflowRun<ReplaceNode.Result> run = WorkflowRun.run(loaded, options.hostKeyPolicy(), output.json(), out,
                (access, progress) -> new ReplaceNode(access, options, progress, node).run());
        Optional<ReplaceNode.Result> result = run.result();
        if (output.json()) {
            OutputOption.writeJson(out, new Report("replace-node", node, run.failed() ? "failed" : "ok",
                    result.map(ReplaceNode.Result::oldMemberId).orElse(null),
                    result.map(ReplaceNode.Result::newMemberId).orElse(null),
                    result.map(replaced -> replaced.snapshot().toString()).orElse(null), run.seconds(), run.events(),
                    run.failureJson()));
        } else {
            result.ifPresent(replaced -> out.println(String.format(Locale.ROOT, "[replace-node] %s: member %s"
                    + " replaced by %s, a healthy voter (%.2f s); snapshot taken before: %s", node,
                    replaced.oldMemberId(), replaced.newMemberId(), run.seconds(), replaced.snapshot())));
        }
        return run.exitCode(spec.commandLine().getErr());
    }
}
