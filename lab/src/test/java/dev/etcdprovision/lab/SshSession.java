package dev.etcdprovision.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/** A plain sshj client with strict host key checking against the lab's known_hosts. */
final class SshSession implements AutoCloseable {
    record Result(int exitStatus, String stdout, String stderr) {}

    private final SSHClient client = new SSHClient();

    SshSession(Lab lab, LabHost host, String user) throws IOException {
        client.addHostKeyVerifier(new OpenSSHKnownHosts(lab.knownHosts().toFile()));
        client.setConnectTimeout(5_000);
        client.setTimeout(10_000);
        client.connect(host.address(), 22);
        client.authPublickey(user, client.loadKeys(lab.privateKey().toString()));
    }

    Result run(String command) throws IOException {
        try (Session session = client.startSession()) {
            Session.Command running = session.exec(command);
            String stdout = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(running.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            running.join(10, TimeUnit.SECONDS);
            return new Result(running.getExitStatus(), stdout, stderr);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
