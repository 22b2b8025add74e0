package dev.etcdprovision.agent.facts;

import dev.etcdprovision.agent.RecordingHost;
import java.time.Instant;
import java.util.Map;

/**
 * The facts script's output for given facts: lets unit tests (here and in the controller) answer
 * {@link Facts#gather} on a {@link RecordingHost} with exactly the {@link HostFacts} they need:
 *
 * <pre>
 * Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
 * host.onScript("facts").reply(FactsOutput.render(facts, NOW));
 * HostFacts read = Facts.gather(host, query, clock);   // equals facts
 * </pre>
 */
public final class FactsOutput {
    private FactsOutput() {}

    /**
     * @param controllerNow the instant of the fixed clock handed to {@link Facts#gather}; the host's
     *     clock readings are put at {@code controllerNow + facts.clockOffset()}
     */
    public static String render(HostFacts facts, Instant controllerNow) {
        Instant hostNow = controllerNow.plus(facts.clockOffset());
        long nanos = hostNow.getEpochSecond() * 1_000_000_000L + hostNow.getNano();
        StringBuilder out = new StringBuilder();
        line(out, "clock-start", Long.toString(nanos));
        line(out, "hostname", facts.hostname());
        if (!facts.os().equals(OsRelease.UNKNOWN)) {
            line(out, "os-id", facts.os().id());
            line(out, "os-version", facts.os().versionId());
            line(out, "os-name", facts.os().prettyName());
        }
        line(out, "machine", facts.machine());
        if (facts.systemdRunning()) {
            line(out, "systemd-running", "yes");
        }
        facts.systemdVersion().ifPresent(version -> line(out, "systemd-version", "systemd " + version + " (" + version
                + ")"));
        facts.user().ifPresent(user -> line(out, "passwd", user.name() + ":x:" + user.uid() + ":" + user.gid() + "::"
                + user.home() + ":" + user.shell()));
        facts.group().ifPresent(group -> line(out, "group", group.name() + ":x:" + group.gid() + ":"));
        facts.etcdVersion().ifPresent(version -> line(out, "etcd-version", version));
        facts.dataDir().ifPresent(state -> line(out, "data-dir", switch (state) {
            case MISSING -> "missing";
            case EMPTY -> "empty";
            case NON_EMPTY -> "non-empty";
            case NOT_A_FOLDER -> "not-a-folder";
        }));
        facts.unit().ifPresent(unit -> {
            line(out, "unit", "MainPID=" + unit.mainPid());
            line(out, "unit", "LoadState=" + unit.loadState());
            line(out, "unit", "ActiveState=" + unit.activeState());
            line(out, "unit", "SubState=" + unit.subState());
            line(out, "unit", "UnitFileState=" + unit.unitFileState());
        });
        for (ListeningSocket socket : facts.listening()) {
            String address = socket.address().contains(":") ? "[" + socket.address() + "]" : socket.address();
            String users = socket.process().map(name -> " users:((\"" + name + "\",pid="
                    + socket.pid().orElse(1) + ",fd=3))").orElse("");
            line(out, "listen", "LISTEN 0      4096   " + address + ":" + socket.port() + " 0.0.0.0:*" + users);
        }
        for (Map.Entry<String, PathState> entry : facts.paths().entrySet()) {
            line(out, "path", describe(entry.getValue()));
        }
        line(out, "clock-end", Long.toString(nanos));
        return out.toString();
    }

    /** A path as the script's describe_path prints it (without the leading "path "). */
    public static String describe(PathState state) {
        String ownership = state.ownership()
                .map(owned -> owned.statMode() + " " + owned.owner() + " " + owned.group())
                .orElse("- - -");
        return switch (state.kind()) {
            case FILE -> "file " + state.sha256().orElseThrow() + " " + ownership + " " + state.path();
            case DIRECTORY -> "dir - " + ownership + " " + state.path();
            case OTHER -> "other - - - - " + state.path();
            case MISSING -> "missing - - - - " + state.path();
        };
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(' ').append(value).append('\n');
    }
}
