package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.Host;
import java.util.List;

/** A unit's journal, to show why a service failed. */
public final class Journal {
    private final Host host;

    public Journal(Host host) {
        this.host = host;
    }

    /** The last {@code count} lines of {@code journalctl -u unit}, oldest first; none when it has none. */
    public List<String> lastLines(String unit, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one line, not " + count);
        }
        Command command = Command.of("read the journal of " + unit, "journalctl", "--unit", unit, "--lines",
                Integer.toString(count), "--no-pager", "--quiet", "--output", "short-iso");
        return host.check(command).stdout().lines().toList();
    }
}
