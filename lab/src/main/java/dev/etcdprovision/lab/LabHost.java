package dev.etcdprovision.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecInContainerPattern;

/**
 * One lab host: a container running systemd and sshd on its own loopback address. Tests reach it
 * over SSH like any machine; {@link #exec} is a side door for setting up faults and for checks.
 */
public final class LabHost {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

    private final Lab lab;
    private final int index;
    private final String address;
    private final String name;
    private final String containerName;
    private String containerId;
    private List<String> hostKeys = List.of();

    LabHost(Lab lab, int index, String address, String containerName) {
        this.lab = lab;
        this.index = index;
        this.address = address;
        this.name = "node" + index;
        this.containerName = containerName;
    }

    /** 1-based position in the lab. */
    public int index() {
        return index;
    }

    /** The loopback address its sshd (and whatever is installed on it) listens on: 127.0.B.index. */
    public String address() {
        return address;
    }

    /** The host name the machine reports ({@code hostname}); the other lab hosts resolve it. */
    public String name() {
        return name;
    }

    /** Its public host keys as known_hosts lines. */
    public List<String> knownHostsLines() {
        return hostKeys.stream().map(key -> address + " " + key).toList();
    }

    String containerId() {
        return containerId;
    }

    long initPid() {
        Long pid = docker().inspectContainerCmd(containerId()).exec().getState().getPidLong();
        if (pid == null || pid == 0) {
            throw new IllegalStateException(this + " is not running");
        }
        return pid;
    }

    /**
     * Creates and boots a blank host: fresh disk, fresh SSH host keys. The container is made with
     * the engine's API directly rather than as a Testcontainers GenericContainer: the lab owns its
     * cleanup (see {@link Lab#close}), and a detached lab must outlive the JVM that made it.
     */
    void create() {
        List<String> extraHosts = new ArrayList<>();
        for (int i = 1; i <= lab.size(); i++) {
            extraHosts.add("node" + i + ":" + lab.addressOf(i));
        }
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode("host")
                // systemd mounts its own file systems; --privileged is refused on this kind of machine.
                // SYS_PTRACE: root reads every process's /proc/PID/fd, as on a real machine, so that
                // `ss -p` names the owner of a port opened by another user (etcd).
                .withCapAdd(Capability.SYS_ADMIN, Capability.SYS_PTRACE)
                .withTmpFs(Map.of("/run", "rw,exec", "/run/lock", "rw"))
                .withBinds(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.ro))
                .withExtraHosts(extraHosts.toArray(String[]::new));
        String id = docker().createContainerCmd(LabImage.name())
                .withName(containerName)
                .withHostName(name)
                .withCmd("/lib/systemd/systemd")
                .withStopSignal("SIGRTMIN+3")
                .withLabels(Map.of(Lab.LABEL_BLOCK, Integer.toString(lab.block())))
                .withHostConfig(hostConfig)
                .exec()
                .getId();
        containerId = id;
        docker().copyArchiveToContainerCmd(id)
                .withTarInputStream(firstBootFiles())
                .withRemotePath("/")
                .exec();
        docker().startContainerCmd(id).exec();
        awaitBoot();
    }

    /** What a fresh host needs before sshd first starts: its listen address and the authorized key. */
    private InputStream firstBootFiles() {
        byte[] authorizedKey = lab.publicKeyText().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            addFile(out, "etc/ssh/sshd_config.d/lab-address.conf",
                    ("ListenAddress " + address + "\n").getBytes(StandardCharsets.UTF_8), 0644, 0);
            addFile(out, "root/.ssh/authorized_keys", authorizedKey, 0600, 0);
            // uids as lab/build-image.sh creates the users
            addFile(out, "home/" + Lab.SUDO_USER + "/.ssh/authorized_keys", authorizedKey, 0600, 1000);
            addFile(out, "home/" + Lab.PASSWORD_SUDO_USER + "/.ssh/authorized_keys", authorizedKey, 0600, 1001);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(tar.toByteArray());
    }

    private static void addFile(TarArchiveOutputStream out, String path, byte[] content, int mode, int owner)
            throws IOException {
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        TarArchiveEntry dirEntry = new TarArchiveEntry(dir);
        dirEntry.setMode(040700);
        dirEntry.setIds(owner, owner);
        out.putArchiveEntry(dirEntry);
        out.closeArchiveEntry();
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(content.length);
        entry.setMode(0100000 | mode);
        entry.setIds(owner, owner);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }

    /** Pulls the power: SIGKILL to every process of the host. The disk stays. */
    public void kill() {
        docker().killContainerCmd(containerId()).withSignal("SIGKILL").exec();
        awaitNotRunning();
    }

    /** A clean shutdown (systemd stops its units). The disk stays. */
    public void stop() {
        docker().stopContainerCmd(containerId()).withTimeout(30).exec();
        awaitNotRunning();
    }

    /** Boots a host that was killed or stopped, with the same disk and host keys. */
    public void start() {
        docker().startContainerCmd(containerId()).exec();
        awaitBoot();
        lab.hostRestarted(this);
    }

    /** Freezes every process of the host: it stops answering but keeps its connections open. */
    public void pause() {
        docker().pauseContainerCmd(containerId()).exec();
    }

    public void unpause() {
        docker().unpauseContainerCmd(containerId()).exec();
    }

    public boolean isRunning() {
        var state = docker().inspectContainerCmd(containerId()).exec().getState();
        return Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused());
    }

    /**
     * A reinstalled machine at the same address: the old host is removed with its disk and a blank
     * one boots in its place, with new SSH host keys.
     *
     * @param hostKeys whether the lab's known_hosts learns the new keys (what an operator does
     *     after a reinstall) or keeps the old ones (to test that a changed key is refused)
     */
    public void replaceWithBlank(HostKeys hostKeys) {
        remove();
        create();
        if (hostKeys == HostKeys.RECORD_NEW) {
            lab.writeKnownHosts();
        }
        lab.hostRestarted(this);
    }

    /** What {@link #replaceWithBlank} does with the lab's known_hosts. */
    public enum HostKeys { RECORD_NEW, KEEP_OLD }

    /** Runs a command as root on the host through the container engine (not over SSH). */
    public ExecResult exec(String... command) {
        try {
            Container.ExecResult result = ExecInContainerPattern.execInContainer(docker(),
                    docker().inspectContainerCmd(containerId).exec(), command);
            return new ExecResult(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a shell script as root on the host; see {@link #exec}. */
    public ExecResult sh(String script) {
        return exec("sh", "-c", script);
    }

    /** Like {@link #sh}, but a non-zero exit status is an error; returns stdout. */
    public String shOk(String script) {
        ExecResult result = sh(script);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(this + ": `" + script + "` exited " + result.exitCode()
                    + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    /**
     * Writes a file on the host through the container engine (not over SSH), creating missing
     * parent folders; for setting up tests, e.g. copying an etcd binary or certificates.
     */
    public void putFile(String path, byte[] content, int mode) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an absolute path, not " + path);
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(path.substring(1));
            entry.setSize(content.length);
            entry.setMode(0100000 | mode);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker().copyArchiveToContainerCmd(containerId)
                .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
                .withRemotePath("/")
                .exec();
    }

    /** The result of {@link #exec}. */
    public record ExecResult(int exitCode, String stdout, String stderr) {}

    void remove() {
        if (containerId != null) {
            docker().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            containerId = null;
        }
    }

    private void awaitBoot() {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            state = exec("systemctl", "is-system-running").stdout().strip();
            if (state.equals("running")) {
                break;
            }
            if (state.equals("degraded")) {
                throw new IllegalStateException(this + " booted degraded: "
                        + exec("systemctl", "--failed", "--no-legend").stdout().strip());
            }
            sleep(Duration.ofMillis(100));
        }
        if (!state.equals("running")) {
            throw new IllegalStateException(this + " did not boot within " + BOOT_TIMEOUT + " (state: " + state + ")");
        }
        hostKeys = shOk("cat /etc/ssh/ssh_host_*_key.pub").lines()
                .map(line -> line.split(" "))
                .map(parts -> parts[0] + " " + parts[1])
                .toList();
        awaitSshBanner(deadline);
    }

    private void awaitSshBanner(Instant deadline) {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, 22), 1000);
                socket.setSoTimeout(1000);
                InputStream in = socket.getInputStream();
                byte[] banner = in.readNBytes(4);
                if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("sshd on " + this + " did not answer", notYet);
                }
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private void awaitNotRunning() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Boolean.TRUE.equals(docker().inspectContainerCmd(containerId()).exec().getState().getRunning())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(this + " is still running");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public String toString() {
        return "lab host " + name + " (" + address + ")";
    }
}
