package dev.etcdprovision.controller.cli;

import dev.etcdprovision.agent.release.ReleaseCache;
import dev.etcdprovision.agent.ssh.HostKeyPolicy;
import dev.etcdprovision.controller.apply.ApplyOptions;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a command reaches the hosts and the cluster: host keys, the release cache, backups, templates. */
public final class ClusterOptions {
    @Mixin
    TemplatesOption templates;

    @Option(names = "--accept-new-host-keys", description = "Trust the SSH host key of a host that known_hosts"
            + " does not list yet, and record it there. A host whose key CHANGED is refused regardless.")
    boolean acceptNewHostKeys;

    @Option(names = "--release-cache", paramLabel = "DIR", description = "Where downloaded etcd releases are kept"
            + " (default: $XDG_CACHE_HOME/etcd-provision/releases or ~/.cache/etcd-provision/releases).")
    Path releaseCache;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where snapshots are saved before risky"
            + " steps such as an upgrade (default: backups/ next to the inventory).")
    Path backupDir;

    public HostKeyPolicy hostKeyPolicy() {
        return acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
    }

    public ApplyOptions options(Path inventoryFile, boolean allowRemove) {
        Path backups = backupDir != null ? backupDir
                : inventoryFile.toAbsolutePath().getParent().resolve("backups");
        ReleaseCache cache = new ReleaseCache(releaseCache != null ? releaseCache : ReleaseCache.defaultDirectory());
        return new ApplyOptions(hostKeyPolicy(), templates.renderer(), cache, allowRemove, backups);
    }

}
