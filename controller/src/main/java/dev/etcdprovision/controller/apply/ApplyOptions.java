package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.release.ReleaseCache;
import dev.etcdprovision.agent.ssh.HostKeyPolicy;
import dev.etcdprovision.controller.render.Renderer;
import java.nio.file.Path;

/**
 * How a command reaches and changes the cluster, from its command line.
 *
 * @param backupDir where snapshots taken before risky steps (an upgrade) are saved
 */
public record ApplyOptions(HostKeyPolicy hostKeyPolicy, Renderer renderer, ReleaseCache releaseCache,
        boolean allowRemove, Path backupDir) {}
