package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A unit's journal: to show why a service failed, and to follow it. */
public final class Journal {
    private static final String CURSOR = "-- cursor: ";

    private final Host host;

    /**
     * Lines of the journal, oldest first, and the position after the last of them, from which
     * {@link #after} reads on; no cursor when the unit has no entries yet.
     */
    public record Page(List<String> lines, Optional<String> cursor) {
        public Page {
            lines = List.copyOf(lines);
        }
    }

    public Journal(Host host) {
        this.host = host;
    }

    /** The last {@code count} lines of {@code journalctl -u unit}, oldest first; none when it has none. */
    public List<String> lastLines(String unit, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one line, not " + count);
        }
        return last(unit, count).lines();
    }

    /** The last {@code count} lines (none for 0), with the cursor to follow on from. */
    public Page last(String unit, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count of lines cannot be negative: " + count);
        }
        return read(unit, List.of("--lines", Integer.toString(count)));
    }

    /**
     * The lines written after {@code cursor} (every line of the unit when there is none yet): one
     * round trip, so a follower asks again and again, and misses no line nor shows one twice.
     */
    public Page after(String unit, Optional<String> cursor) {
        Page page = read(unit, cursor.map(position -> List.of("--after-cursor", position)).orElse(List.of()));
        return page.cursor().isPresent() ? page : new Page(page.lines(), cursor);
    }

    private Page read(String unit, List<String> which) {
        List<String> argv = new ArrayList<>(List.of("journalctl", "--unit", unit));
        argv.addAll(which);
        argv.addAll(List.of("--show-cursor", "--no-pager", "--quiet", "--output", "short-iso"));
        Command command = Command.of("read the journal of " + unit, argv);
        CommandResult result = host.run(command);
        if (!result.ok()) {
            // journalctl exits 1, silently, when there is no entry to show a cursor for
            if (result.exitStatus() == 1 && result.stdout().isBlank() && result.stderr().isBlank()) {
                return new Page(List.of(), Optional.empty());
            }
            throw HostException.failed(host.id(), command, result);
        }
        List<String> lines = new ArrayList<>(result.stdout().lines().toList());
        Optional<String> cursor = Optional.empty();
        if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith(CURSOR)) {
            cursor = Optional.of(lines.remove(lines.size() - 1).substring(CURSOR.length()));
        }
        return new Page(lines, cursor);
    }
}
