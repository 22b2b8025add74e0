package dev.etcdprovision.agent;

/**
 * One host, and the only place that talks SSH. Every command runs as root: directly when the SSH
 * user is root, otherwise through {@code sudo -n}. Implementations are safe for concurrent use.
 */
public interface Host {
    HostId id();

    /**
     * Runs a command and returns how it ended, whatever its exit status.
     *
     * @throws HostException when it could not run or finish: the connection failed or was lost,
     *     the timeout passed, or sudo refused
     */
    CommandResult run(Command command);

    /** Runs a command that must succeed; a non-zero exit status becomes a {@link HostException}. */
    default CommandResult check(Command command) {
        CommandResult result = run(command);
        if (!result.ok()) {
            throw HostException.failed(id(), command, result);
        }
        return result;
    }
}
