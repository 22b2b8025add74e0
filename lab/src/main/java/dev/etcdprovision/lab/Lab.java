package dev.etcdprovision.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * A lab of N real hosts (systemd + sshd in containers), host i on 127.0.B.i, for tests that
 * touch hosts. As a JUnit 5 extension on a static field it starts the hosts before the class's
 * first test and removes them after its last, also when tests fail:
 *
 * <pre>
 *     &#64;RegisterExtension
 *     static final Lab lab = Lab.withHosts(3);
 * </pre>
 *
 * Outside JUnit (benchmarks), {@code try (Lab lab = Lab.withHosts(3).start()) { ... }}.
 *
 * <p>Every host accepts {@link #privateKey()} for {@code root}, for {@link #SUDO_USER} (an
 * unprivileged user with passwordless sudo) and for {@link #PASSWORD_SUDO_USER} (whose sudo asks
 * for a password). {@link #knownHosts()} holds every host's keys, for strict host key checking.
 */
public final class Lab implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** An unprivileged user with passwordless sudo on every host. */
    public static final String SUDO_USER = "ops";
    /** A user whose sudo asks for a password, to test that the tool says so. */
    public static final String PASSWORD_SUDO_USER = "needpw";

    static final String LABEL_BLOCK = "etcd-provision-lab.block";
    private static final String DETACHED_FILE = "lab.properties";

    private final int size;
    private Path fixedWorkDir;
    private AddressBlock block;
    private NetworkCuts cuts;
    private Path workDir;
    private String publicKeyText;
    private final List<LabHost> hosts = new ArrayList<>();
    private Thread shutdownHook;

    private Lab(int size) {
        if (size < 1 || size > 9) {
            throw new IllegalArgumentException("a lab has 1 to 9 hosts, not " + size);
        }
        this.size = size;
    }

    public static Lab withHosts(int size) {
        return new Lab(size);
    }

    /** Starts all hosts in parallel and returns this lab; about two seconds once the image exists. */
    public synchronized Lab start() {
        if (block != null) {
            throw new IllegalStateException("this lab is already started");
        }
        String image = LabImage.name();
        block = AddressBlock.acquire();
        shutdownHook = new Thread(this::removeEverything, "lab-cleanup-b" + block.number());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            removeLeftovers();
            cuts = new NetworkCuts(block.number());
            workDir = fixedWorkDir != null ? Files.createDirectories(fixedWorkDir)
                    : Files.createTempDirectory("etcd-provision-lab-b" + block.number() + "-");
            publicKeyText = makeClientKey();
            for (int i = 1; i <= size; i++) {
                hosts.add(new LabHost(this, i, block.address(i), "etcd-provision-lab-b" + block.number() + "-h" + i));
            }
            onEveryHost(LabHost::create);
            writeKnownHosts();
            return this;
        } catch (RuntimeException | IOException e) {
            close();
            throw e instanceof RuntimeException runtime ? runtime
                    : new UncheckedIOException("cannot start the lab (image " + image + ")", (IOException) e);
        }
    }

    /**
     * Starts a lab whose hosts keep running after this process ends (the demo), with its key and
     * known_hosts in {@code dir}. {@link #takeDown} removes it.
     */
    public static Lab startDetached(int size, Path dir) {
        Lab lab = new Lab(size);
        lab.fixedWorkDir = dir.toAbsolutePath();
        lab.start();
        synchronized (lab) {
            try {
                Files.writeString(dir.resolve(DETACHED_FILE), "block=" + lab.block.number() + "\n");
            } catch (IOException e) {
                lab.close();
                throw new UncheckedIOException(e);
            }
            lab.block.markDetached(lab.workDir);
            Runtime.getRuntime().removeShutdownHook(lab.shutdownHook);
            lab.shutdownHook = null;
            lab.block.close();
            lab.block = null;
        }
        return lab;
    }

    /** Removes the hosts of a lab made by {@link #startDetached} with the same {@code dir}. */
    public static void takeDown(Path dir) {
        Path file = dir.resolve(DETACHED_FILE);
        int number;
        try {
            number = Integer.parseInt(Files.readString(file).strip().replace("block=", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("no detached lab in " + dir + " (" + file + " is missing)", e);
        }
        Lab lab = new Lab(1);
        lab.block = AddressBlock.acquireForTeardown(number);
        try {
            lab.removeLeftovers();
            lab.block.releaseDetached();
            for (String name : List.of("id_ed25519", "id_ed25519.pub", "known_hosts", DETACHED_FILE)) {
                Files.deleteIfExists(dir.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lab.block.close();
            lab.block = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Removes every host and network rule of this lab and gives its addresses back. */
    @Override
    public synchronized void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
            shutdownHook = null;
        }
        removeEverything();
    }

    private synchronized void removeEverything() {
        if (block == null) {
            return;
        }
        try {
            if (cuts != null) {
                cuts.restoreAll();
            }
            hosts.forEach(LabHost::remove);
            removeLeftovers();
            if (workDir != null && fixedWorkDir == null) {
                LabFiles.deleteRecursively(workDir);
            }
        } finally {
            hosts.clear();
            block.close();
            block = null;
        }
    }

    /** Host {@code index}, 1-based. */
    public LabHost host(int index) {
        if (index < 1 || index > hosts.size()) {
            throw new IllegalArgumentException("this lab has hosts 1 to " + hosts.size() + ", not " + index);
        }
        return hosts.get(index - 1);
    }

    public List<LabHost> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    /** The number of hosts. */
    public int size() {
        return size;
    }

    /** The private key (ed25519, OpenSSH format) that every host accepts for every lab user. */
    public Path privateKey() {
        return workDir.resolve("id_ed25519");
    }

    /** A known_hosts file with the host keys of every host. */
    public Path knownHosts() {
        return workDir.resolve("known_hosts");
    }

    /** A scratch folder for this lab's tests, removed with the lab. */
    public Path workDir() {
        return workDir;
    }

    /** Drops all traffic between two hosts, in both directions; other paths keep working. */
    public void cut(LabHost a, LabHost b) {
        cuts.cut(a, b);
    }

    /** Undoes {@link #cut} between two hosts. */
    public void restore(LabHost a, LabHost b) {
        cuts.restore(a, b);
    }

    /** Undoes every {@link #cut}. */
    public void restoreNetwork() {
        cuts.restoreAll();
    }

    /**
     * Replaces every host with a blank one (new disks, new host keys, known_hosts rewritten), in
     * parallel: bare machines for the next test without starting a new lab.
     */
    public void replaceAllWithBlank() {
        restoreNetwork();
        onEveryHost(host -> {
            host.remove();
            host.create();
        });
        writeKnownHosts();
    }

    int block() {
        return block.number();
    }

    String addressOf(int index) {
        return block.address(index);
    }

    String publicKeyText() {
        return publicKeyText;
    }

    void hostRestarted(LabHost host) {
        cuts.hostRestarted(host);
    }

    synchronized void writeKnownHosts() {
        List<String> lines = new ArrayList<>();
        hosts.forEach(host -> lines.addAll(host.knownHostsLines()));
        try {
            Path temporary = workDir.resolve("known_hosts.tmp");
            Files.write(temporary, lines);
            Files.move(temporary, knownHosts(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String makeClientKey() throws IOException {
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
        Command.check(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                "-C", "etcd-provision-lab", "-f", privateKey().toString());
        return Files.readString(workDir.resolve("id_ed25519.pub"));
    }

    /** Hosts of this block that a crashed earlier run left behind. */
    private void removeLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        List<Container> leftovers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(LABEL_BLOCK, Integer.toString(block.number())))
                .exec();
        for (Container leftover : leftovers) {
            docker.removeContainerCmd(leftover.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        new NetworkCuts(block.number()).restoreAll();
    }

    private void onEveryHost(java.util.function.Consumer<LabHost> action) {
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try {
            List<CompletableFuture<Void>> all = hosts.stream()
                    .map(host -> CompletableFuture.runAsync(() -> action.accept(host), pool))
                    .toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }
}
