package dev.etcdprovision.controller.inventory;

import java.nio.file.Path;

/**
 * The {@code ssh} section: how the controller logs in to every node. Host keys are always
 * checked against {@code knownHosts}; {@code user} is root or a user with passwordless sudo.
 */
public record SshSpec(String user, Integer port, Path identityFile, Path knownHosts) {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final Path DEFAULT_IDENTITY_FILE = Path.of("~/.ssh/id_ed25519");
    public static final Path DEFAULT_KNOWN_HOSTS = Path.of("~/.ssh/known_hosts");

    public SshSpec {
        user = user != null ? user : DEFAULT_USER;
        port = port != null ? port : DEFAULT_PORT;
        identityFile = identityFile != null ? identityFile : DEFAULT_IDENTITY_FILE;
        knownHosts = knownHosts != null ? knownHosts : DEFAULT_KNOWN_HOSTS;
    }

    SshSpec withPaths(Path identityFile, Path knownHosts) {
        return new SshSpec(user, port, identityFile, knownHosts);
    }
}
