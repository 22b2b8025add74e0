package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.RemoteScript;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A data folder moved aside instead of deleted: {@code <dataDir>.replaced-<UTC timestamp>}. The
 * newest few copies are kept; older ones are deleted, and the result says so.
 */
public final class DataDirs {
    public static final int DEFAULT_KEEP = 3;
    private static final RemoteScript MOVE_ASIDE = RemoteScript.load("move-aside");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Host host;
    private final Clock clock;

    public DataDirs(Host host) {
        this(host, Clock.systemUTC());
    }

    /** With the clock the timestamps come from. */
    public DataDirs(Host host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /** Keeps the {@link #DEFAULT_KEEP} newest copies. */
    public StepResult moveAside(String dataDir) {
        return moveAside(dataDir, DEFAULT_KEEP);
    }

    /**
     * Moves a non-empty folder aside. A missing or empty folder is left as it is (unchanged): moving
     * it would only push a real copy out of the newest {@code keep}, so re-runs are safe.
     */
    public StepResult moveAside(String dataDir, int keep) {
        RemotePath.require(dataDir);
        if (dataDir.equals("/") || keep < 1) {
            throw new IllegalArgumentException("cannot move " + dataDir + " aside keeping " + keep + " copies");
        }
        String stamp = STAMP.format(clock.instant());
        return StepResult.fromScript(host.check(MOVE_ASIDE.command("move " + dataDir + " aside", dataDir, stamp,
                Integer.toString(keep))));
    }
}
