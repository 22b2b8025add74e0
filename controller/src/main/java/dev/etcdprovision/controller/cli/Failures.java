package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.io.PrintWriter;

/** How a failed phase reads on the terminal, and the exit code of its kind. */
final class Failures {
    private Failures() {}

    static int print(PhaseFailure failure, PrintWriter err) {
        err.println(failure.getMessage());
        failure.hints().forEach(hint -> err.println("  hint: " + hint));
        err.flush();
        return exitCode(failure);
    }

    static int exitCode(PhaseFailure failure) {
        return switch (failure.kind()) {
            case PREFLIGHT -> Main.PREFLIGHT;
            case INVALID_INPUT -> Main.INVALID_INPUT;
            case FAILURE -> Main.FAILURE;
        };
    }
}
