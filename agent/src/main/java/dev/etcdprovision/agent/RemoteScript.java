package dev.etcdprovision.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A POSIX shell script the agent runs on hosts, kept as a resource under
 * {@code dev/etcdprovision/agent/scripts/} (readable and checkable as a shell file) and sent with
 * the shared functions of {@code common.sh} in front. Values are never pasted into a script's
 * text: they are its positional arguments, quoted like every other argument.
 */
public record RemoteScript(String name, String text) {
    private static final String FOLDER = "scripts/";

    public static RemoteScript load(String name) {
        return new RemoteScript(name, resource("common") + "\n" + resource(name));
    }

    /** A command that runs this script with these arguments; messages show {@code NAME ARGS...}. */
    public Command command(String step, List<String> args) {
        return Command.script(step, name, text, args);
    }

    public Command command(String step, String... args) {
        return command(step, List.of(args));
    }

    private static String resource(String name) {
        try (InputStream in = RemoteScript.class.getResourceAsStream(FOLDER + name + ".sh")) {
            if (in == null) {
                throw new IllegalArgumentException("no remote script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
