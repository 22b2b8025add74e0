package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.inventory.ByteSize;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.operate.AdminCertificate;
import dev.etcdprovision.controller.operate.Defrag;
import dev.etcdprovision.controller.workflow.Progress;
import dev.etcdprovision.controller.workflow.TextProgress;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code defrag}: compact, then defragment every member, the leader last. */
@Command(name = "defrag", description = {"Shrinks the database: compacts the key history at the current revision"
        + " (minus --keep-revisions), then defragments one member at a time, followers first and the leader last,"
        + " and disarms a NOSPACE alarm. Prints each member's database size before and after, in the order done.",
        "Refuses (exit 69) unless every member answers and is healthy: each is blocked while it is defragmented."})
final class DefragCommand implements Callable<Integer> {
    @Mixin
    InventoryOption inventory;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    @Option(names = "--keep-revisions", paramLabel = "N", defaultValue = "0", description = "Keep the last N"
            + " revisions of the history (default: ${DEFAULT-VALUE}: compact at the current revision).")
    long keepRevisions;

    record MemberJson(String name, String endpoint, String memberId, boolean leader, long dbSizeBefore,
            long dbSizeInUseBefore, long dbSizeAfter, long dbSizeInUseAfter, double seconds) {}

    record DefragJson(long revision, Long compactedAt, List<MemberJson> members, List<String> disarmedAlarms) {}

    @Override
    public Integer call() throws Exception {
        if (keepRevisions < 0) {
            throw new ParameterException(spec.commandLine(), "--keep-revisions must be 0 or more, not "
                    + keepRevisions);
        }
        Inventory loaded = inventory.load();
        AdminCertificate.require(loaded);
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = output.json() ? Progress.quiet() : new TextProgress(out);
        Defrag.Result result;
        try (ClusterAccess access = ClusterAccess.etcdOnly(loaded)) {
            result = new Defrag(access, progress).run(keepRevisions);
        }
        if (output.json()) {
            OutputOption.writeJson(out, new DefragJson(result.revision(), result.compactedAt(), result.members()
                    .stream().map(member -> new MemberJson(member.name(), member.endpoint(), member.memberId(),
                            member.leader(), member.dbSizeBefore(), member.dbSizeInUseBefore(), member.dbSizeAfter(),
                            member.dbSizeInUseAfter(), WorkflowRun.seconds(member.took()))).toList(),
                    result.disarmed()));
        } else {
            long before = result.members().stream().mapToLong(Defrag.MemberResult::dbSizeBefore).sum();
            long after = result.members().stream().mapToLong(Defrag.MemberResult::dbSizeAfter).sum();
            out.println("[defrag] " + result.members().size() + " member(s) defragmented, the leader last; their"
                    + " databases went from " + new ByteSize(before)
                    .approximate() + " to " + new ByteSize(after).approximate()
                    + " in all");
        }
        return Main.OK;
    }
}
