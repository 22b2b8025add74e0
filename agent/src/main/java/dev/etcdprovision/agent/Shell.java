package dev.etcdprovision.agent;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one quoting function for everything sent to a remote shell. Commands are argument lists;
 * they become a command line only here, every argument quoted for a POSIX shell.
 */
public final class Shell {
    /**
     * Words that mean the same to a shell quoted or not; left bare so command lines stay readable.
     * No '=': a bare first word with one would be a variable assignment.
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+,-]+");

    private Shell() {}

    /**
     * One argument as a shell word: bare when it holds only safe characters, otherwise in single
     * quotes, where nothing is special except the single quote itself (written as {@code '\''}).
     */
    public static String quote(String argument) {
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell argument cannot hold a NUL character");
        }
        if (SAFE.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** An argument list as one command line, every argument quoted. */
    public static String join(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
