package dev.etcdprovision.agent;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something failed on a host: a command, a connection, a check. {@link #getMessage()} is the one
 * line a command line prints, {@code <step> failed on <host>: <reason>}; {@link #hint()} says what
 * to do, and {@link #details()} holds the command, its exit status and its stderr for a log.
 */
public final class HostException extends RuntimeException {
    private static final int STDERR_LIMIT = 4000;

    private final HostId host;
    private final String step;
    private final String reason;
    private final Optional<String> command;
    private final OptionalInt exitStatus;
    private final String stderr;
    private final Optional<String> hint;

    private HostException(HostId host, String step, String reason, Optional<String> command,
            OptionalInt exitStatus, String stderr, Optional<String> hint, Throwable cause) {
        super(step + " failed on " + host + ": " + reason, cause);
        this.host = host;
        this.step = step;
        this.reason = reason;
        this.command = command;
        this.exitStatus = exitStatus;
        this.stderr = trimmed(stderr);
        this.hint = hint.filter(text -> !text.isBlank());
    }

    /**
     * A command ended with a non-zero exit status. The reason is the first line of its stderr
     * (the commands and scripts of the steps say what went wrong there), else the exit status.
     */
    public static HostException failed(HostId host, Command command, CommandResult result) {
        return failed(host, command, result, Optional.empty());
    }

    public static HostException failed(HostId host, Command command, CommandResult result, String hint) {
        return failed(host, command, result, Optional.of(hint));
    }

    private static HostException failed(HostId host, Command command, CommandResult result, Optional<String> hint) {
        String firstLine = result.stderr().strip().lines().findFirst().orElse("");
        String reason = firstLine.isEmpty()
                ? "`" + command.display() + "` exited " + result.exitStatus()
                : firstLine;
        return new HostException(host, command.step(), reason, Optional.of(command.display()),
                OptionalInt.of(result.exitStatus()), result.stderr(), hint, null);
    }

    /** A failure without an exit status: a connection, a timeout, a refusal, a wrong state. */
    public static HostException of(HostId host, String step, String reason, String hint, Throwable cause) {
        return new HostException(host, step, reason, Optional.empty(), OptionalInt.empty(), "",
                Optional.of(hint), cause);
    }

    /** The same failure while running {@code command} (for failures that have no exit status). */
    public static HostException during(HostId host, Command command, String reason, String hint, Throwable cause) {
        return new HostException(host, command.step(), reason, Optional.of(command.display()), OptionalInt.empty(),
                "", Optional.of(hint), cause);
    }

    public HostId host() {
        return host;
    }

    public String step() {
        return step;
    }

    /** Why it failed, one line, without the host or the step. */
    public String reason() {
        return reason;
    }

    /** The command line as shown to users (never with secrets), when a command was involved. */
    public Optional<String> command() {
        return command;
    }

    public OptionalInt exitStatus() {
        return exitStatus;
    }

    /** The command's stderr, trimmed; empty when there was none. */
    public String stderr() {
        return stderr;
    }

    /** What to do about it, when there is something to say. */
    public Optional<String> hint() {
        return hint;
    }

    /** Command, exit status and stderr, one item a line, for a log or a verbose error. */
    public String details() {
        StringBuilder out = new StringBuilder();
        command.ifPresent(line -> out.append("command: ").append(line).append('\n'));
        exitStatus.ifPresent(status -> out.append("exit status: ").append(status).append('\n'));
        if (!stderr.isEmpty()) {
            out.append("stderr:\n");
            stderr.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static String trimmed(String text) {
        String stripped = text.strip();
        return stripped.length() <= STDERR_LIMIT ? stripped
                : "..." + stripped.substring(stripped.length() - STDERR_LIMIT);
    }
}
