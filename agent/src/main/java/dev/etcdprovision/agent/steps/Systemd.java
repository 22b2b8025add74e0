package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RemoteScript;
import dev.etcdprovision.agent.facts.UnitState;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A service under systemd. Each action is done only when needed (start on an active unit is
 * unchanged), except restart and daemon-reload, which the caller asks for when something changed.
 */
public final class Systemd {
    private static final RemoteScript SYSTEMD = RemoteScript.load("systemd");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9_.@:-]+");
    /** etcd's own start timeout is shorter; a start that takes longer is stuck. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Host host;

    public Systemd(Host host) {
        this.host = host;
    }

    /** Reloads unit files only when told one changed: a reload for nothing would still cost a round trip. */
    public StepResult daemonReload(boolean unitChanged) {
        if (!unitChanged) {
            return StepResult.unchanged("no unit changed");
        }
        host.check(Command.of("systemctl daemon-reload", "systemctl", "daemon-reload"));
        return StepResult.changed("reloaded");
    }

    public StepResult enable(String unit) {
        return act("enable", unit);
    }

    public StepResult disable(String unit) {
        return act("disable", unit);
    }

    /** Starts the unit and waits until it is up (for Type=notify, until etcd says it is ready). */
    public StepResult start(String unit) {
        return act("start", unit);
    }

    /**
     * Queues a start without waiting for it ({@code --no-block}): for members of a new cluster,
     * which are only ready once a quorum of them runs.
     */
    public StepResult startNoBlock(String unit) {
        return act("start-no-block", unit);
    }

    public StepResult restart(String unit) {
        return act("restart", unit);
    }

    public StepResult stop(String unit) {
        return act("stop", unit);
    }

    /** The unit's load, active and unit-file state and its main PID. */
    public UnitState state(String unit) {
        requireUnit(unit);
        Command command = Command.of("systemctl show " + unit, "systemctl", "show",
                "--property=" + UnitState.PROPERTIES, "--", unit);
        List<String> lines = host.check(command).stdout().lines().toList();
        if (lines.stream().noneMatch(line -> line.startsWith("LoadState="))) {
            throw HostException.of(host.id(), command.step(), "unexpected output of systemctl show: " + lines,
                    "check that the host runs systemd", null);
        }
        return UnitState.fromShow(unit, lines);
    }

    private StepResult act(String action, String unit) {
        requireUnit(unit);
        String verb = action.equals("start-no-block") ? "start --no-block" : action;
        Command command = SYSTEMD.command("systemctl " + verb + " " + unit, action, unit);
        if (action.equals("start") || action.equals("restart")) {
            command = command.withTimeout(START_TIMEOUT);
        }
        CommandResult result = host.run(command);
        if (!result.ok()) {
            throw HostException.failed(host.id(), command, result, "its journal says why: journalctl -u " + unit
                    + " (or the Journal step)");
        }
        return StepResult.fromScript(result);
    }

    private static void requireUnit(String unit) {
        if (!UNIT.matcher(unit).matches()) {
            throw new IllegalArgumentException("a systemd unit name, not " + unit);
        }
    }
}
