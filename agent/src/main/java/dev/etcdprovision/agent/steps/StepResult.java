package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.CommandResult;

/**
 * What a step did: changed something or found it in place, with a short detail for the progress
 * line ("created", "wrote 312 bytes", "already active").
 */
public record StepResult(boolean changed, String detail) {

    public static StepResult changed(String detail) {
        return new StepResult(true, detail);
    }

    public static StepResult unchanged(String detail) {
        return new StepResult(false, detail);
    }

    /** "changed" or "unchanged", with the detail when there is one. */
    @Override
    public String toString() {
        String word = changed ? "changed" : "unchanged";
        return detail.isEmpty() ? word : word + ": " + detail;
    }

    /** The last line of a step script's output: {@code changed DETAIL} or {@code unchanged DETAIL}. */
    static StepResult fromScript(CommandResult result) {
        String last = result.stdout().strip().lines().reduce((first, second) -> second).orElse("");
        if (last.equals("changed") || last.startsWith("changed ")) {
            return changed(last.substring("changed".length()).strip());
        }
        if (last.equals("unchanged") || last.startsWith("unchanged ")) {
            return unchanged(last.substring("unchanged".length()).strip());
        }
        throw new IllegalStateException("a step script ended without saying what it did: " + result.stdout());
    }
}
