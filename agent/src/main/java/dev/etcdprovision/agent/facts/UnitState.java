package dev.etcdprovision.agent.facts;

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
