package dev.etcdprovision.controller.lab;

import dev.etcdprovision.lab.EtcdReleases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The lab's etcd release archives, unpacked on this machine once per version: to copy onto lab
 * hosts, and to run etcdctl as an operator would from their workstation.
 */
public final class EtcdBinaries {
    private EtcdBinaries() {}

    /** The folder holding etcd and etcdctl (and etcdutl from 3.5 on) of one release. */
    public static synchronized Path unpacked(String version) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "etcd-provision-test-releases");
        Path folder = root.resolve("etcd-v" + version + "-linux-amd64");
        if (Files.isExecutable(folder.resolve("etcd"))) {
            return folder;
        }
        try {
            Files.createDirectories(root);
            Process tar = new ProcessBuilder("tar", "-xzf", EtcdReleases.archive(version).toString(), "-C",
                    root.toString()).inheritIO().start();
            if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new IllegalStateException("cannot unpack etcd " + version);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path etcd(String version) {
        return unpacked(version).resolve("etcd");
    }

    public static Path etcdctl(String version) {
        return unpacked(version).resolve("etcdctl");
    }
}
