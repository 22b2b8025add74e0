package dev.etcdprovision.agent;

import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.SshSettings;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Connects to hosts in parallel and runs one command on each, in a JVM of its own: what connecting
 * costs a command-line run that starts cold. Arguments: MODE USER IDENTITY KNOWN_HOSTS ADDRESS...,
 * MODE {@code agent} (the agent's connections) or {@code sshj-defaults} (plain sshj, its default
 * configuration with BouncyCastle registered, for comparison). Prints milliseconds: JVM start to
 * main, connecting, the first commands.
 */
public final class ConnectProbe {
    private ConnectProbe() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
        List<String> addresses = List.of(args).subList(4, args.length);
        long connected;
        if (args[0].equals("agent")) {
            List<SshSettings> hosts = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                hosts.add(SshSettings.of("node" + (i + 1), addresses.get(i), args[1], Path.of(args[2]),
                        Path.of(args[3])));
            }
            try (HostConnections connections = HostConnections.open(hosts).requireAll()) {
                connected = System.nanoTime();
                connections.hosts().parallelStream().forEach(host -> host.check(Command.of("probe", "true")));
            }
        } else {
            List<CompletableFuture<SSHClient>> clients = addresses.stream()
                    .map(address -> CompletableFuture.supplyAsync(
                            () -> sshjDefaults(address, args[1], args[2], args[3])))
                    .toList();
            List<SSHClient> all = clients.stream().map(CompletableFuture::join).toList();
            connected = System.nanoTime();
            all.parallelStream().forEach(client -> {
                try (var session = client.startSession(); var command = session.exec("true")) {
                    command.getInputStream().readAllBytes();
                    client.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        long answered = System.nanoTime();
        System.out.println("jvm " + jvm + " connect " + (connected - start) / 1_000_000 + " first-command "
                + (answered - connected) / 1_000_000);
    }

    private static SSHClient sshjDefaults(String address, String user, String identity, String knownHosts) {
        try {
            SSHClient client = new SSHClient(new DefaultConfig());
            client.addHostKeyVerifier(new OpenSSHKnownHosts(new File(knownHosts)));
            client.connect(address);
            client.authPublickey(user, client.loadKeys(identity));
            return client;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
