package dev.etcdprovision.controller.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * etcd's automatic compaction of old revisions. {@code periodic} keeps the history of the last
 * {@code retention} (a duration such as {@code 1h} or {@code 30m}, or a number of hours);
 * {@code revision} keeps the last {@code retention} revisions. A retention of {@code 0} turns it off.
 */
public record AutoCompaction(Mode mode, String retention) {

    public static final String DEFAULT_RETENTION = "1h";

    public AutoCompaction {
        mode = mode != null ? mode : Mode.PERIODIC;
        retention = retention != null ? retention : DEFAULT_RETENTION;
    }

    public enum Mode {
        @JsonProperty("periodic") PERIODIC,
        @JsonProperty("revision") REVISION;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
