package dev.etcdprovision.controller.workflow;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A phase failed on one or more targets. The message is what the CLI prints, one line per
 * target: {@code phase install failed on k8s1-etcd2: <cause>}; the hints say what to do.
 */
public class PhaseFailure extends RuntimeException {

    /** What kind of failure, which decides the exit code. */
    public enum Kind { FAILURE, PREFLIGHT, INVALID_INPUT }

    /** One target's failure: what happened and what to do about it. */
    public record TargetFailure(String target, String cause, String hint) {}

    private final String phase;
    private final Kind kind;
    private final List<TargetFailure> failures;

    public PhaseFailure(String phase, Kind kind, List<TargetFailure> failures, Throwable cause) {
        super(describe(phase, failures), cause);
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a phase failure names at least one target");
        }
        this.phase = phase;
        this.kind = kind;
        this.failures = List.copyOf(failures);
    }

    public static PhaseFailure on(String phase, String target, String cause, String hint) {
        return new PhaseFailure(phase, Kind.FAILURE, List.of(new TargetFailure(target, cause, hint)), null);
    }

    public String phase() {
        return phase;
    }

    public Kind kind() {
        return kind;
    }

    public List<TargetFailure> failures() {
        return failures;
    }

    /** The distinct hints, in the order of the failures. */
    public List<String> hints() {
        return failures.stream().map(TargetFailure::hint).filter(hint -> hint != null && !hint.isBlank())
                .distinct().toList();
    }

    private static String describe(String phase, List<TargetFailure> failures) {
        return failures.stream()
                .map(failure -> "phase " + phase + " failed on " + failure.target() + ": " + failure.cause())
                .collect(Collectors.joining("\n"));
    }
}
