package dev.etcdprovision.agent.facts;

import dev.etcdprovision.agent.HostId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the output of the facts script ({@code scripts/facts.sh}): one "key value" line per fact. */
final class HostFactsParser {
    private static final Pattern SYSTEMD_VERSION = Pattern.compile("^systemd (\\d+)\\b.*");
    private static final Pattern SS_PROCESS = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=(\\d+)");

    private HostFactsParser() {}

    /**
     * @param sent when the controller sent the command
     * @param received when the controller had its whole output
     */
    static HostFacts parse(HostId host, FactsQuery query, String output, Instant sent, Instant received) {
        String hostname = "";
        String osId = "";
        String osVersion = "";
        String osName = "";
        String machine = "";
        boolean systemdRunning = false;
        OptionalInt systemdVersion = OptionalInt.empty();
        Optional<Account> user = Optional.empty();
        Optional<GroupEntry> group = Optional.empty();
        Map<String, PathState> paths = new LinkedHashMap<>();
        Optional<String> etcdVersion = Optional.empty();
        Optional<HostFacts.DataDirState> dataDir = Optional.empty();
        List<String> unit = new ArrayList<>();
        List<ListeningSocket> listening = new ArrayList<>();
        OptionalLong clockStart = OptionalLong.empty();
        OptionalLong clockEnd = OptionalLong.empty();

        for (String line : output.split("\n")) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "clock-start" -> clockStart = parseLong(value);
                case "clock-end" -> clockEnd = parseLong(value);
                case "hostname" -> hostname = value.strip();
                case "os-id" -> osId = value.strip();
                case "os-version" -> osVersion = value.strip();
                case "os-name" -> osName = value.strip();
                case "machine" -> machine = value.strip();
                case "systemd-running" -> systemdRunning = true;
                case "systemd-version" -> systemdVersion = systemdVersion(value);
                case "passwd" -> user = account(value);
                case "group" -> group = groupEntry(value);
                case "etcd-version" -> etcdVersion = Optional.of(value.strip()).filter(text -> !text.isEmpty());
                case "data-dir" -> dataDir = Optional.of(dataDirState(value.strip()));
                case "unit" -> unit.add(value);
                case "listen" -> listeningSocket(value).ifPresent(listening::add);
                case "path" -> {
                    PathState state = pathState(value);
                    paths.put(state.path(), state);
                }
                default -> {
                    // an unknown key from a newer script, or noise from a login shell: not a fact
                }
            }
        }
        if (machine.isEmpty() || clockStart.isEmpty() || clockEnd.isEmpty()) {
            throw new IllegalArgumentException("the facts of " + host + " are incomplete:\n" + output);
        }
        for (String path : query.paths()) {
            if (!paths.containsKey(path)) {
                throw new IllegalArgumentException("the facts of " + host + " say nothing about " + path);
            }
        }
        Optional<UnitState> unitState = query.unit().map(name -> UnitState.fromShow(name, unit));
        OsRelease os = osId.isEmpty() && osName.isEmpty() ? OsRelease.UNKNOWN : new OsRelease(osId, osVersion, osName);
        return new HostFacts(host, hostname, os, machine, systemdRunning, systemdVersion, user, group, paths,
                etcdVersion, dataDir, unitState, listening,
                clockOffset(clockStart.getAsLong(), clockEnd.getAsLong(), sent, received));
    }

    /**
     * The host read its clock at the start and at the end of the script; the controller at sending
     * and at receiving. Comparing the midpoints cancels the script's run time and, as far as the
     * way there and back take equally long, the network delay.
     */
    static Duration clockOffset(long hostStartNanos, long hostEndNanos, Instant sent, Instant received) {
        long hostMid = hostStartNanos / 2 + hostEndNanos / 2;
        long sentNanos = sent.getEpochSecond() * 1_000_000_000L + sent.getNano();
        long receivedNanos = received.getEpochSecond() * 1_000_000_000L + received.getNano();
        long controllerMid = sentNanos / 2 + receivedNanos / 2;
        return Duration.ofNanos(hostMid - controllerMid);
    }

    static OptionalInt systemdVersion(String line) {
        Matcher matcher = SYSTEMD_VERSION.matcher(line.strip());
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /** {@code name:x:uid:gid:gecos:home:shell} */
    static Optional<Account> account(String entry) {
        String[] fields = entry.strip().split(":", -1);
        if (fields.length < 7) {
            return Optional.empty();
        }
        return Optional.of(new Account(fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                fields[5], fields[6]));
    }

    /** {@code name:x:gid:members} */
    static Optional<GroupEntry> groupEntry(String entry) {
        String[] fields = entry.strip().split(":", -1);
        if (fields.length < 3) {
            return Optional.empty();
        }
        return Optional.of(new GroupEntry(fields[0], Integer.parseInt(fields[2])));
    }

    /** {@code KIND SHA256 MODE OWNER GROUP PATH}, "-" for what does not apply (see describe_path). */
    static PathState pathState(String value) {
        String[] fields = value.split(" ", 6);
        if (fields.length < 6) {
            throw new IllegalArgumentException("not a path description: " + value);
        }
        String path = fields[5];
        return switch (fields[0]) {
            case "file" -> PathState.file(path, fields[1], ownership(fields));
            case "dir" -> PathState.directory(path, ownership(fields));
            case "other" -> new PathState(path, PathState.Kind.OTHER, Optional.empty(), Optional.empty());
            case "missing" -> PathState.missing(path);
            default -> throw new IllegalArgumentException("not a path description: " + value);
        };
    }

    private static Ownership ownership(String[] fields) {
        return new Ownership(fields[3], fields[4], Integer.parseInt(fields[2], 8));
    }

    /**
     * One line of {@code ss -ltnpH}: {@code LISTEN 0 4096 127.0.1.1:2379 0.0.0.0:* users:(("etcd",pid=9,fd=7))}.
     * The local address may be {@code [::]:22}, {@code *:22} or {@code 127.0.0.53%lo:53}.
     */
    static Optional<ListeningSocket> listeningSocket(String line) {
        String[] columns = line.strip().split("\\s+");
        if (columns.length < 5) {
            return Optional.empty();
        }
        String local = columns[3];
        int colon = local.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String address = local.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(local.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        Matcher process = SS_PROCESS.matcher(line);
        return Optional.of(process.find()
                ? new ListeningSocket(address, port, Optional.of(process.group(1)),
                        OptionalLong.of(Long.parseLong(process.group(2))))
                : new ListeningSocket(address, port, Optional.empty(), OptionalLong.empty()));
    }

    private static HostFacts.DataDirState dataDirState(String value) {
        return switch (value) {
            case "missing" -> HostFacts.DataDirState.MISSING;
            case "empty" -> HostFacts.DataDirState.EMPTY;
            case "non-empty" -> HostFacts.DataDirState.NON_EMPTY;
            default -> HostFacts.DataDirState.NOT_A_FOLDER;
        };
    }

    private static OptionalLong parseLong(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
