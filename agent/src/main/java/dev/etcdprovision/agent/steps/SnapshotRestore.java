package dev.etcdprovision.agent.steps;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RemotePath;
import dev.etcdprovision.agent.RemoteScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An etcd snapshot file on the host, read and restored with the release's own tool: {@code etcdutl}
 * from etcd 3.5 on, {@code etcdctl} (API v3) before.
 */
public final class SnapshotRestore {
    private static final RemoteScript RESTORE = RemoteScript.load("restore-snapshot");
    private static final Pattern REVISION = Pattern.compile("\"revision\":\\s*(\\d+)");
    /** Restoring writes the whole database once more; a slow disk still writes 8 MiB a second. */
    private static final long BYTES_PER_SECOND_AT_LEAST = 8L << 20;

    private final Host host;

    public SnapshotRestore(Host host) {
        this.host = host;
    }

    /** Who the restored member is, and the new cluster it starts: its members as {@code name=peerURL}. */
    public record Member(String name, String peerUrl, String initialCluster, String token) {}

    /** The store revision the snapshot holds (what {@code snapshot status} says); reads the file on the host. */
    public long revision(String tool, String snapshot) {
        RemotePath.require(snapshot);
        List<String> argv = new ArrayList<>(tool(tool));
        argv.addAll(List.of("snapshot", "status", snapshot, "--write-out", "json"));
        Command command = Command.of("read the snapshot " + snapshot, argv);
        String output = host.check(command).stdout();
        Matcher revision = REVISION.matcher(output);
        if (!revision.find()) {
            throw HostException.of(host.id(), command.step(), "`" + command.display() + "` printed no revision: "
                    + output.strip(), "check that the file is an etcd snapshot", null);
        }
        return Long.parseLong(revision.group(1));
    }

    /**
     * Restores the snapshot (checked against its sha256 first) into {@code dataDir}, which must be
     * missing or empty, owned by {@code owner:group} with mode 0700.
     *
     * @param size the snapshot's size in bytes, to give a large one the time it takes
     */
    public StepResult restore(String tool, String snapshot, String sha256, long size, String dataDir, Member member,
                              String owner, String group) {
        RemotePath.require(snapshot);
        RemotePath.require(dataDir);
        tool(tool);
        Command command = RESTORE.command("restore the snapshot into " + dataDir, tool, snapshot, sha256, dataDir,
                member.name(), member.peerUrl(), member.initialCluster(), member.token(), owner, group)
                .withTimeout(Command.DEFAULT_TIMEOUT.plus(Duration.ofSeconds(size / BYTES_PER_SECOND_AT_LEAST)));
        return StepResult.fromScript(host.check(command));
    }

    /** The command line that runs the tool: etcdctl 3.4 needs to be told to speak API v3. */
    private static List<String> tool(String tool) {
        RemotePath.require(tool);
        if (tool.endsWith("/etcdutl")) {
            return List.of(tool);
        }
        if (tool.endsWith("/etcdctl")) {
            return List.of("env", "ETCDCTL_API=3", tool);
        }
        throw new IllegalArgumentException("a snapshot is read with etcdutl or etcdctl, not " + tool);
    }
}
