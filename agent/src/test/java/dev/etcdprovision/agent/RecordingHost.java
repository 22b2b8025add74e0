package dev.etcdprovision.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link Host} for unit tests: records every command (with what it read on stdin) and answers
 * from programmed responses, so that code using hosts can be tested without any.
 *
 * <pre>
 * RecordingHost host = new RecordingHost("node1", "10.0.0.1");
 * host.on("systemctl daemon-reload").reply("");
 * host.onScript("systemd").reply("changed started");
 * host.on(command -> command.step().startsWith("write")).fail(1, "disk full");
 * ...
 * assertEquals(List.of("systemctl daemon-reload"), host.displays());
 * </pre>
 *
 * Responses registered later take precedence; a command nothing answers fails the test with the
 * command in the message. Safe for concurrent use.
 */
public final class RecordingHost implements Host {
    private final HostId id;
    private final List<Response> responses = new ArrayList<>();
    private final List<Recorded> recorded = new ArrayList<>();

    /** A command as it was run, with the bytes it read on stdin (empty when it had no stdin). */
    public record Recorded(Command command, byte[] stdin) {
        public String stdinText() {
            return new String(stdin, StandardCharsets.UTF_8);
        }

        /** Arguments after the script name, for commands made by {@link RemoteScript}. */
        public List<String> scriptArguments() {
            List<String> argv = command.argv();
            return argv.size() >= 4 && argv.get(0).equals("sh") && argv.get(1).equals("-c")
                    ? argv.subList(4, argv.size()) : List.of();
        }

        /** The script's name for commands made by {@link RemoteScript}, else empty. */
        public Optional<String> scriptName() {
            List<String> argv = command.argv();
            return argv.size() >= 4 && argv.get(0).equals("sh") && argv.get(1).equals("-c")
                    ? Optional.of(argv.get(3)) : Optional.empty();
        }
    }

    private record Response(Predicate<Command> matches, Function<Command, CommandResult> answer) {}

    /** What to answer a command that matched. */
    public final class Answer {
        private final Predicate<Command> matches;

        private Answer(Predicate<Command> matches) {
            this.matches = matches;
        }

        /** Exit status 0 with this stdout. */
        public RecordingHost reply(String stdout) {
            return answer(command -> new CommandResult(0, stdout, ""));
        }

        public RecordingHost fail(int exitStatus, String stderr) {
            return answer(command -> new CommandResult(exitStatus, "", stderr));
        }

        /** Throws what the function makes, as a real host does when the connection breaks. */
        public RecordingHost throwing(Function<Command, HostException> failure) {
            return answer(command -> {
                throw failure.apply(command);
            });
        }

        public RecordingHost answer(Function<Command, CommandResult> answer) {
            synchronized (RecordingHost.this) {
                responses.add(0, new Response(matches, answer));
            }
            return RecordingHost.this;
        }
    }

    public RecordingHost(String name, String address) {
        this.id = new HostId(name, address);
    }

    public RecordingHost() {
        this("node1", "192.0.2.1");
    }

    /** Commands whose display (the quoted command line, or {@code NAME ARGS} of a script) starts so. */
    public Answer on(String displayPrefix) {
        return on(command -> command.display().startsWith(displayPrefix));
    }

    /** Runs of the named {@link RemoteScript} ("facts", "write-file", ...). */
    public Answer onScript(String name) {
        return on(command -> command.argv().size() >= 4 && command.argv().get(0).equals("sh")
                && command.argv().get(3).equals(name));
    }

    public Answer on(Predicate<Command> matches) {
        return new Answer(matches);
    }

    @Override
    public HostId id() {
        return id;
    }

    @Override
    public CommandResult run(Command command) {
        byte[] stdin = command.stdin().map(RecordingHost::readAll).orElse(new byte[0]);
        Function<Command, CommandResult> answer;
        synchronized (this) {
            recorded.add(new Recorded(command, stdin));
            answer = responses.stream().filter(response -> response.matches().test(command)).findFirst()
                    .map(Response::answer)
                    .orElseThrow(() -> new AssertionError("no programmed answer on " + id + " for `"
                            + command.display() + "` (step " + command.step() + ")"));
        }
        return answer.apply(command);
    }

    /** Every command run so far, in order. */
    public synchronized List<Recorded> commands() {
        return new ArrayList<>(recorded);
    }

    /** How each command run so far was shown, in order. */
    public synchronized List<String> displays() {
        return recorded.stream().map(run -> run.command().display()).toList();
    }

    /** Forgets the commands run so far (not the responses). */
    public synchronized void clearCommands() {
        recorded.clear();
    }

    private static byte[] readAll(Stdin stdin) {
        try (InputStream in = stdin.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
