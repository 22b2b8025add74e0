package dev.etcdprovision.controller.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one action on many targets at once (the hosts of a phase) and waits for all of them.
 * A failure on one target does not interrupt the others mid-step: each finishes what it does,
 * so nothing is left half-done, and then every failure is reported together.
 */
public final class OnEach {
    private OnEach() {}

    /** An action on one target. */
    @FunctionalInterface
    public interface Action<T> {
        void run(T target) throws Exception;
    }

    /** An action on one target that computes something. */
    @FunctionalInterface
    public interface Computation<T, R> {
        R run(T target) throws Exception;
    }

    public static <T> void run(String phase, Collection<T> targets, Function<T, String> name,
                               BiFunction<String, Exception, PhaseFailure.TargetFailure> describe, Action<T> action) {
        compute(phase, targets, name, describe, target -> {
            action.run(target);
            return null;
        });
    }

    /** Like {@link #run}, returning each target's result in the targets' order. */
    public static <T, R> List<R> compute(String phase, Collection<T> targets, Function<T, String> name,
                                         BiFunction<String, Exception, PhaseFailure.TargetFailure> describe,
                                         Computation<T, R> computation) {
        if (targets.isEmpty()) {
            return List.of();
        }
        if (targets.size() == 1) {
            T only = targets.iterator().next();
            try {
                List<R> result = new ArrayList<>();
                result.add(computation.run(only));
                return result;
            } catch (PhaseFailure failure) {
                // a step nested in this phase failed: it is this phase's failure
                throw failure.phase().equals(phase) ? failure
                        : new PhaseFailure(phase, failure.kind(), failure.failures(), failure);
            } catch (Exception e) {
                throw new PhaseFailure(phase, PhaseFailure.Kind.FAILURE, List.of(describe.apply(name.apply(only), e)), e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(targets.size(), runnable -> {
            Thread thread = new Thread(runnable, "phase-" + phase);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<T> ordered = List.copyOf(targets);
            List<Future<R>> futures = new ArrayList<>();
            for (T target : ordered) {
                futures.add(pool.submit(() -> computation.run(target)));
            }
            List<R> results = new ArrayList<>();
            List<PhaseFailure.TargetFailure> failures = new ArrayList<>();
            Exception first = null;
            for (int i = 0; i < ordered.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception exception ? exception : e;
                    first = first == null ? cause : first;
                    if (cause instanceof PhaseFailure failure) {
                        failures.addAll(failure.failures());
                    } else {
                        failures.add(describe.apply(name.apply(ordered.get(i)), cause));
                    }
                    results.add(null);
                }
            }
            if (!failures.isEmpty()) {
                PhaseFailure.Kind kind = first instanceof PhaseFailure nested ? nested.kind() : PhaseFailure.Kind.FAILURE;
                throw new PhaseFailure(phase, kind, failures, first);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PhaseFailure.on(phase, "controller", "interrupted", "run the command again to finish");
        } finally {
            pool.shutdown();
        }
    }
}
