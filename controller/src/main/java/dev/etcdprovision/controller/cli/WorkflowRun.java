package dev.etcdprovision.controller.cli;

import dev.etcdprovision.agent.ssh.HostKeyPolicy;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.workflow.Event;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import dev.etcdprovision.controller.workflow.TextProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A command that works on the cluster through one of the engine's workflows (apply, restore, defrag...):
 * progress lines as they happen, or kept for one JSON document at the end; how long it took; and
 * its failure, kept to be reported after the output.
 */
final class WorkflowRun<T> {
    /** One progress event, for scripts. */
    record EventJson(String phase, String target, String outcome, String detail, double seconds) {}

    /** The failed phase and each target's failure, for scripts. */
    record FailureJson(String phase, List<PhaseFailure.TargetFailure> failures) {}

    private final Progress progress;
    private final T result;
    private final PhaseFailure failure;
    private final Duration took;

    private WorkflowRun(Progress progress, T result, PhaseFailure failure, Duration took) {
        this.progress = progress;
        this.result = result;
        this.failure = failure;
        this.took = took;
    }

    /** Runs {@code work} with SSH to every node and etcd's API; text progress goes to {@code out} unless json. */
    static <T> WorkflowRun<T> run(Inventory inventory, HostKeyPolicy hostKeyPolicy, boolean json, PrintWriter out,
                                  BiFunction<ClusterAccess, Progress, T> work) {
        return run(() -> ClusterAccess.open(inventory, hostKeyPolicy), json, out, work);
    }

    /** The same with the access {@code open} gives (etcd's API only, for commands that need no SSH). */
    static <T> WorkflowRun<T> run(Supplier<ClusterAccess> open, boolean json, PrintWriter out,
                                  BiFunction<ClusterAccess, Progress, T> work) {
        Progress progress = json ? Progress.quiet() : new TextProgress(out);
        Instant start = Instant.now();
        T result = null;
        PhaseFailure failure = null;
        try (ClusterAccess access = open.get()) {
            result = work.apply(access, progress);
        } catch (PhaseFailure failed) {
            failure = failed;
        }
        return new WorkflowRun<>(progress, result, failure, Duration.between(start, Instant.now()));
    }

    Progress progress() {
        return progress;
    }

    /** What the workflow returned; empty when it failed. */
    Optional<T> result() {
        return Optional.ofNullable(result);
    }

    boolean failed() {
        return failure != null;
    }

    double seconds() {
        return seconds(took);
    }

    List<EventJson> events() {
        return progress.events().stream().map(event -> json(event)).toList();
    }

    /** The failure for scripts; null when there was none. */
    FailureJson failureJson() {
        return failure == null ? null : new FailureJson(failure.phase(), failure.failures());
    }

    /** Prints the failure, if any, with its hints on {@code err}; the exit code of its kind, or OK. */
    int exitCode(PrintWriter err) {
        return failure == null ? Main.OK : Failures.print(failure, err);
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static EventJson json(Event event) {
        return new EventJson(event.phase(), event.target(), event.outcome().label(), event.detail(),
                seconds(event.took()));
    }
}
