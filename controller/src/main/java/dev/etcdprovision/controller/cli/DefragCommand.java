package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.inventory.ByteSize;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.operate.AdminCertificate;
import dev.etcdprovision.controller.operate.Defrag;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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

    /** The outcome for scripts; with {@code failure} (and no members) when it failed. */
    record DefragJson(String result, Long revision, Long compactedAt, List<MemberJson> members,
            List<String> disarmedAlarms, List<WorkflowRun.EventJson> events, WorkflowRun.FailureJson failure) {}

    @Override
    public Integer call() throws Exception {
        if (keepRevisions < 0) {
            throw new ParameterException(spec.commandLine(), "--keep-revisions must be 0 or more, not "
                    + keepRevisions);
        }
        Inventory loaded = inventory.load();
        AdminCertificate.require(loaded);
        PrintWriter out = spec.commandLine().getOut();
        WorkflowRun<Defrag.Result> run = WorkflowRun.run(() -> ClusterAccess.etcdOnly(loaded), output.json(), out,
                (access, progress) -> new Defrag(access, progress).run(keepRevisions));
        Optional<Defrag.Result> done = run.result();
        if (output.json()) {
            OutputOption.writeJson(out, new DefragJson(run.failed() ? "failed" : "ok",
                    done.map(Defrag.Result::revision).orElse(null), done.map(Defrag.Result::compactedAt).orElse(null),
                    done.map(result -> result.members().stream().map(member -> new MemberJson(member.name(),
                            member.endpoint(), member.memberId(), member.leader(), member.dbSizeBefore(),
                            member.dbSizeInUseBefore(), member.dbSizeAfter(), member.dbSizeInUseAfter(),
                            WorkflowRun.seconds(member.took()))).toList()).orElse(List.of()),
                    done.map(Defrag.Result::disarmed).orElse(List.of()), run.events(), run.failureJson()));
        } else {
            done.ifPresent(result -> {
                long before = result.members().stream().mapToLong(Defrag.MemberResult::dbSizeBefore).sum();
                long after = result.members().stream().mapToLong(Defrag.MemberResult::dbSizeAfter).sum();
                out.println("[defrag] " + result.members().size() + " member(s) defragmented, the leader last; their"
                        + " databases went from " + new ByteSize(before).approximate() + " to "
                        + new ByteSize(after).approximate() + " in all");
            });
        }
        return run.exitCode(spec.commandLine().getErr());
    }
}
