package dev.etcdprovision.controller.lab;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.lab.LabHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Installs an etcd member on a lab host by hand, the way a runbook would, through the lab's side
 * door: what apply will do over SSH, so that the rendered files are proven before apply exists.
 */
public final class LabNodes {
    private LabNodes() {}

    /** Writes the file with its mode, owner and group. */
    public static void install(LabHost host, RemoteFile file) {
        host.putFile(file.path(), file.content(), file.mode());
        host.shOk("chown '" + file.owner() + ":" + file.group() + "' '" + file.path() + "'");
    }

    /** The etcd user, the data dir (0700, etcd's) and the release's binaries in their versioned folder. */
    public static void prepare(LabHost host, String version, String dataDir) {
        host.shOk("id etcd >/dev/null 2>&1 || useradd --system --no-create-home --home-dir '" + dataDir
                + "' --shell /usr/sbin/nologin etcd");
        host.shOk("install -d -m 0700 -o etcd -g etcd '" + dataDir + "'");
        for (String binary : new String[] {NodeLayout.etcd(version), NodeLayout.etcdctl(version)}) {
            String name = binary.substring(binary.lastIndexOf('/') + 1);
            try {
                host.putFile(binary, Files.readAllBytes(EtcdBinaries.unpacked(version).resolve(name)), 0755);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Polls until the condition holds; fails with the description and the last state after the deadline. */
    public static void await(Duration timeout, String description, BooleanSupplier condition,
            Supplier<String> state) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(description + " within " + timeout + "; " + state.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
