package dev.etcdprovision.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command for a host: an argument list (never a shell string; see {@link Shell}), run as root.
 *
 * @param step what the command is for, as error messages name it ("write /etc/etcd/etcd.conf")
 * @param argv the program and its arguments
 * @param display how messages show the command; never holds a secret (content goes by stdin)
 * @param timeout how long the whole command may take, stdin included
 * @param stdin what the command reads on standard input, if anything
 */
public record Command(String step, List<String> argv, String display, Duration timeout, Optional<Stdin> stdin) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int DISPLAY_LIMIT = 160;

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command timeout must be positive, not " + timeout);
        }
    }

    /** A program with arguments; messages show it as its quoted command line. */
    public static Command of(String step, List<String> argv) {
        return new Command(step, argv, abbreviate(Shell.join(argv)), DEFAULT_TIMEOUT, Optional.empty());
    }

    public static Command of(String step, String... argv) {
        return of(step, List.of(argv));
    }

    /**
     * A POSIX shell script run as {@code sh -c SCRIPT NAME ARGS...}: the script is a constant and
     * every variable part comes as a positional argument ({@code $1}...), so no value is ever
     * pasted into shell code. Messages show {@code NAME ARGS...}, not the script's text.
     */
    public static Command script(String step, String name, String script, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, name));
        argv.addAll(args);
        List<String> shown = new ArrayList<>(List.of(name));
        shown.addAll(args);
        return new Command(step, argv, abbreviate(Shell.join(shown)), DEFAULT_TIMEOUT, Optional.empty());
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(step, argv, display, newTimeout, stdin);
    }

    public Command withStdin(Stdin input) {
        return new Command(step, argv, display, timeout, Optional.of(input));
    }

    private static String abbreviate(String line) {
        return line.length() <= DISPLAY_LIMIT ? line : line.substring(0, DISPLAY_LIMIT - 3) + "...";
    }
}
