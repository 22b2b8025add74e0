package dev.etcdprovision.agent.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit as {@code systemctl show} reports it.
 *
 * @param loadState {@code loaded}, {@code not-found}, ...
 * @param activeState {@code active}, {@code inactive}, {@code failed}, {@code activating}, ...
 * @param unitFileState {@code enabled}, {@code disabled}, {@code static}, or empty for no unit file
 * @param mainPid the main process, 0 when none runs
 */
public record UnitState(String unit, String loadState, String activeState, String subState,
        String unitFileState, long mainPid) {
    /** What {@code systemctl show --property=...} is asked for (facts.sh asks for the same). */
    public static final String PROPERTIES = "LoadState,ActiveState,SubState,UnitFileState,MainPID";

    /**
     * From the {@code KEY=VALUE} lines of {@code systemctl show}; a property it leaves out reads
     * as systemd reports a unit it does not know (not-found, inactive, dead, no process).
     */
    public static UnitState fromShow(String unit, List<String> lines) {
        Map<String, String> properties = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                properties.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        long mainPid;
        try {
            mainPid = Long.parseLong(properties.getOrDefault("MainPID", "0").strip());
        } catch (NumberFormatException e) {
            mainPid = 0;
        }
        return new UnitState(unit, properties.getOrDefault("LoadState", "not-found"),
                properties.getOrDefault("ActiveState", "inactive"), properties.getOrDefault("SubState", "dead"),
                properties.getOrDefault("UnitFileState", ""), mainPid);
    }

    public boolean exists() {
        return !loadState.equals("not-found");
    }

    public boolean isActive() {
        return activeState.equals("active");
    }

    public boolean isEnabled() {
        return unitFileState.equals("enabled");
    }
}
