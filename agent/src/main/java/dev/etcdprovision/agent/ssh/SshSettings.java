package dev.etcdprovision.agent.ssh;

import dev.etcdprovision.agent.HostId;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one host over SSH.
 *
 * @param name the node name messages use for the host
 * @param address host name or IP address to connect to
 * @param user the SSH user; anything but root works through {@code sudo -n}
 * @param identityFile private key (ed25519, ECDSA or RSA; OpenSSH or PEM format; one with a
 *     passphrase is used through ssh-agent)
 * @param knownHostsFile the known_hosts file host keys are checked against
 */
public record SshSettings(String name, String address, int port, String user, Path identityFile,
        Path knownHostsFile, HostKeyPolicy hostKeyPolicy, Duration connectTimeout) {
    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public SshSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port of " + name + " must be 1-65535, not " + port);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("SSH user of " + name + " is missing");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout of " + name + " must be positive");
        }
        new HostId(name, address); // validates both
    }

    /** Port 22, strict host key checking, a 10 s connect timeout. */
    public static SshSettings of(String name, String address, String user, Path identityFile, Path knownHostsFile) {
        return new SshSettings(name, address, DEFAULT_PORT, user, identityFile, knownHostsFile,
                HostKeyPolicy.STRICT, DEFAULT_CONNECT_TIMEOUT);
    }

    public SshSettings withPort(int newPort) {
        return new SshSettings(name, address, newPort, user, identityFile, knownHostsFile, hostKeyPolicy,
                connectTimeout);
    }

    public SshSettings withHostKeyPolicy(HostKeyPolicy policy) {
        return new SshSettings(name, address, port, user, identityFile, knownHostsFile, policy, connectTimeout);
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(name, address, port, user, identityFile, knownHostsFile, hostKeyPolicy, timeout);
    }

    public HostId id() {
        return new HostId(name, address);
    }

    /** Whether commands go through {@code sudo -n}. */
    public boolean needsSudo() {
        return !user.equals("root");
    }
}
