package dev.etcdprovision.agent.facts;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.RemoteScript;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a host's facts: one script, one round trip, nothing changed. */
public final class Facts {
    static final String STEP = "gather facts";
    private static final RemoteScript SCRIPT = RemoteScript.load("facts");
    private static final RemoteScript DESCRIBE_PATHS = RemoteScript.load("describe-paths");

    private Facts() {}

    public static HostFacts gather(Host host, FactsQuery query) {
        return gather(host, query, Clock.systemUTC());
    }

    /** With the controller's clock to measure the host's clock offset against. */
    public static HostFacts gather(Host host, FactsQuery query, Clock clock) {
        Command command = SCRIPT.command(STEP, query.scriptArguments());
        Instant sent = clock.instant();
        CommandResult result = host.check(command);
        Instant received = clock.instant();
        try {
            return HostFactsParser.parse(host.id(), query, result.stdout(), sent, received);
        } catch (IllegalArgumentException e) {
            throw HostException.of(host.id(), STEP, e.getMessage().lines().findFirst().orElse("unreadable facts"),
                    "the host needs a POSIX sh, coreutils, getent and ss (iproute2); check that they work", e);
        }
    }

    /**
     * Only the state of some paths (sha256 of files, owner, group, mode), by path in the order
     * given: for a step that was not handed facts gathered before.
     */
    public static Map<String, PathState> describe(Host host, String step, List<String> paths) {
        paths.forEach(RemotePath::require);
        CommandResult result = host.check(DESCRIBE_PATHS.command(step, paths));
        Map<String, PathState> states = new LinkedHashMap<>();
        result.stdout().lines().filter(line -> line.startsWith("path "))
                .map(line -> HostFactsParser.pathState(line.substring("path ".length())))
                .forEach(state -> states.put(state.path(), state));
        for (String path : paths) {
            if (!states.containsKey(path)) {
                throw HostException.of(host.id(), step, "the host said nothing about " + path,
                        "the host needs a POSIX sh and coreutils; check that they work", null);
            }
        }
        return states;
    }
}
