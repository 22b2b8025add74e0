package dev.etcdprovision.agent.facts;

import dev.etcdprovision.agent.RemotePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to find out about a host besides the basics (OS, architecture, systemd, ports, clock).
 * Start from {@link #basics()} and add what the caller needs.
 *
 * @param paths files and folders to describe (sha256 of files, owner, group, mode)
 * @param etcdBinary an etcd binary whose version to report
 * @param dataDir a folder to report as missing, empty or non-empty
 * @param unit a systemd unit whose state and main PID to report
 * @param account a user and group name to look up
 */
public record FactsQuery(List<String> paths, Optional<String> etcdBinary, Optional<String> dataDir,
        Optional<String> unit, Optional<String> account) {

    public FactsQuery {
        paths = List.copyOf(paths);
        paths.forEach(RemotePath::require);
        etcdBinary.ifPresent(RemotePath::require);
        dataDir.ifPresent(RemotePath::require);
        unit.ifPresent(name -> requireWord("unit", name));
        account.ifPresent(name -> requireWord("account", name));
    }

    public static FactsQuery basics() {
        return new FactsQuery(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public FactsQuery withPaths(List<String> more) {
        List<String> all = new ArrayList<>(paths);
        more.stream().filter(path -> !all.contains(path)).forEach(all::add);
        return new FactsQuery(all, etcdBinary, dataDir, unit, account);
    }

    public FactsQuery withEtcdBinary(String path) {
        return new FactsQuery(paths, Optional.of(path), dataDir, unit, account);
    }

    public FactsQuery withDataDir(String path) {
        return new FactsQuery(paths, etcdBinary, Optional.of(path), unit, account);
    }

    public FactsQuery withUnit(String name) {
        return new FactsQuery(paths, etcdBinary, dataDir, Optional.of(name), account);
    }

    public FactsQuery withAccount(String name) {
        return new FactsQuery(paths, etcdBinary, dataDir, unit, Optional.of(name));
    }

    /** The facts script's arguments: ETCD_BINARY DATA_DIR UNIT ACCOUNT PATH... ("" = not asked). */
    List<String> scriptArguments() {
        List<String> args = new ArrayList<>(List.of(etcdBinary.orElse(""), dataDir.orElse(""), unit.orElse(""),
                account.orElse("")));
        args.addAll(paths);
        return args;
    }

    private static void requireWord(String what, String value) {
        if (value.isEmpty() || !value.matches("[A-Za-z0-9_.@:-]+")) {
            throw new IllegalArgumentException("a " + what + " name of letters, digits and _.@:-, not " + value);
        }
    }
}
