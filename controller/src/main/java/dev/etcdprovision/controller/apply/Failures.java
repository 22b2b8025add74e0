package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.release.ReleaseException;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.PhaseFailure.TargetFailure;
import java.util.List;
import java.util.function.Supplier;

/** Turns what a step threw into a failure of its phase: on which target, why, and what to do. */
public final class Failures {
    private Failures() {}

    /** For {@code OnEach}: the failure of one target. */
    public static TargetFailure describe(String target, Exception error) {
        if (error instanceof HostException host) {
            return new TargetFailure(host.host().name(), host.step() + ": " + host.reason(),
                    host.hint().orElse(""));
        }
        if (error instanceof MembershipException cluster) {
            return new TargetFailure(target, cluster.getMessage(), "check that a majority of the members runs"
                    + " (`etcd-provision status`), then run the command again");
        }
        if (error instanceof ReleaseException release) {
            return new TargetFailure("controller", release.getMessage(), release.hint());
        }
        return new TargetFailure(target, String.valueOf(error.getMessage() != null ? error.getMessage() : error),
                "run the command again; it continues where it stopped");
    }

    /** For a {@code Workflow}: an exception a phase did not describe itself. */
    public static PhaseFailure of(String phase, Exception error) {
        if (error instanceof PhaseFailure failure) {
            return failure;
        }
        String target = error instanceof HostException host ? host.host().name()
                : error instanceof MembershipException ? "cluster" : "controller";
        return new PhaseFailure(phase, PhaseFailure.Kind.FAILURE, List.of(describe(target, error)), error);
    }

    /** Runs a step of {@code phase}; what it throws becomes that phase's failure (with a hint). */
    public static <T> T inPhase(String phase, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw of(phase, e);
        }
    }

    public static void inPhase(String phase, Runnable step) {
        inPhase(phase, () -> {
            step.run();
            return null;
        });
    }
}
