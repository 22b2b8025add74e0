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

    @Mixin
    HostKeysOption hostKeys;

    @Option(names = "--release-cache", paramLabel = "DIR", description = "Where downloaded etcd releases are kept"
            + " (default: $XDG_CACHE_HOME/etcd-provision/releases or ~/.cache/etcd-provision/releases).")
    Path releaseCache;

    @Mixin
    BackupDirOption backups;

    public HostKeyPolicy hostKeyPolicy() {
        return hostKeys.policy();
    }

    public ApplyOptions options(Path inventoryFile, boolean allowRemove) {
        ReleaseCache cache = new ReleaseCache(releaseCache != null ? releaseCache : ReleaseCache.defaultDirectory());
        return new ApplyOptions(hostKeyPolicy(), templates.renderer(), cache, allowRemove,
                backups.folder(inventoryFile));
    }

}
