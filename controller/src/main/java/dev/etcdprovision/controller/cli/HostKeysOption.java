package dev.etcdprovision.controller.cli;

import dev.etcdprovision.agent.ssh.HostKeyPolicy;
import picocli.CommandLine.Option;

/** {@code --accept-new-host-keys}: trust on first use, asked for explicitly; strict otherwise. */
public final class HostKeysOption {
    @Option(names = "--accept-new-host-keys", description = "Trust the SSH host key of a host that known_hosts"
            + " does not list yet, and record it there. A host whose key CHANGED is refused regardless.")
    boolean acceptNew;

    public HostKeyPolicy policy() {
        return acceptNew ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
    }
}
