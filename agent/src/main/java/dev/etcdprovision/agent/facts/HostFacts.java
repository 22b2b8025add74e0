package dev.etcdprovision.agent.facts;

import dev.etcdprovision.agent.HostId;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a host is and has, read in one round trip (see {@link Facts#gather}).
 *
 * @param machine {@code uname -m}
 * @param systemdRunning whether systemd is the init system (not just installed)
 * @param systemdVersion from {@code systemctl --version}, when installed
 * @param user the queried account, when it exists
 * @param group the queried group, when it exists
 * @param paths the queried paths by path, in the order asked
 * @param etcdVersion of the queried binary, when it is there and runs
 * @param dataDir the queried data folder's state, when asked
 * @param unit the queried unit's state, when asked
 * @param listening every listening TCP socket the host shows
 * @param clockOffset the host's clock minus the controller's (midpoints of the script's run and
 *     of the round trip, so the network delay cancels out)
 */
public record HostFacts(HostId host, String hostname, OsRelease os, String machine, boolean systemdRunning,
        OptionalInt systemdVersion, Optional<Account> user, Optional<GroupEntry> group, Map<String, PathState> paths,
        Optional<String> etcdVersion, Optional<DataDirState> dataDir, Optional<UnitState> unit,
        List<ListeningSocket> listening, Duration clockOffset) {

    /** A data folder: not there, there but empty, or holding something. */
    public enum DataDirState { MISSING, EMPTY, NON_EMPTY, NOT_A_FOLDER }

    public HostFacts {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
        listening = List.copyOf(listening);
    }

    /**
     * The architecture as etcd's release archives name it ({@code amd64}, {@code arm64}); empty
     * for a machine etcd publishes no binaries for.
     */
    public Optional<String> etcdArch() {
        return switch (machine) {
            case "x86_64", "amd64" -> Optional.of("amd64");
            case "aarch64", "arm64" -> Optional.of("arm64");
            default -> Optional.empty();
        };
    }

    /** A queried path's state; a path that was not queried is an error, not "missing". */
    public PathState path(String path) {
        PathState state = paths.get(path);
        if (state == null) {
            throw new IllegalArgumentException(path + " was not among the paths asked about on " + host);
        }
        return state;
    }

    /** The sockets listening on {@code port} that a connection to {@code address} would reach. */
    public List<ListeningSocket> listenersOn(String address, int port) {
        return listening.stream().filter(socket -> socket.covers(address, port)).toList();
    }
}
