package dev.etcdprovision.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    @Test
    @Order(1)
    void everyHostIsARunningSystemReachableAsRootAndThroughSudo() throws IOException {
        Set<String> hostKeys = new HashSet<>();
        for (LabHost host : lab.hosts()) {
            try (SshSession root = new SshSession(lab, host, "root")) {
                SshSession.Result state = root.run("systemctl is-system-running");
                assertEquals("running", state.stdout().strip(), host + ": " + state.stderr());
                assertEquals(host.name(), root.run("hostname").stdout().strip());
                assertTrue(root.run("ss -ltnH").stdout().contains(host.address() + ":22"),
                        "sshd of " + host + " listens on its own address");
            }
            try (SshSession ops = new SshSession(lab, host, Lab.SUDO_USER)) {
                assertEquals(Lab.SUDO_USER, ops.run("id -un").stdout().strip());
                SshSession.Result state = ops.run("sudo -n systemctl is-system-running");
                assertEquals("running", state.stdout().strip(), host + ": " + state.stderr());
                assertEquals("0", ops.run("sudo -n id -u").stdout().strip());
            }
            hostKeys.addAll(host.knownHostsLines().stream().map(line -> line.split(" ")[2]).toList());
        }
        assertEquals(3 * 3, hostKeys.size(), "each host has its own ed25519, ECDSA and RSA host keys");
    }

    @Test
    @Order(2)
    void sudoThatAsksForAPasswordFailsInsteadOfWaiting() throws IOException {
        try (SshSession needsPassword = new SshSession(lab, lab.host(1), Lab.PASSWORD_SUDO_USER)) {
            SshSession.Result result = needsPassword.run("sudo -n true");
            assertNotEquals(0, result.exitStatus());
            assertTrue(result.stderr().contains("password is required"), result.stderr());
        }
    }

    @Test
    @Order(3)
    void aKilledHostComesBackWithItsDisk() throws IOException {
        LabHost host = lab.host(2);
        try (SshSession root = new SshSession(lab, host, "root")) {
            assertEquals(0, root.run("echo written-before-the-kill > /var/tmp/marker && sync").exitStatus());
        }
        host.kill();
        assertFalse(host.isRunning());
        assertThrows(IOException.class, () -> new SshSession(lab, host, "root").close());

        host.start();
        try (SshSession root = new SshSession(lab, host, "root")) {
            assertEquals("written-before-the-kill", root.run("cat /var/tmp/marker").stdout().strip());
            assertEquals("running", root.run("systemctl is-system-running").stdout().strip());
        }
    }

    @Test
    @Order(4)
    void aStoppedHostStartsAgainWithItsDisk() throws IOException {
        LabHost host = lab.host(3);
        host.putFile("/var/tmp/new-folder/stopped-marker", "kept\n".getBytes(), 0640);
        assertEquals("640 root", host.shOk("stat -c '%a %U' /var/tmp/new-folder/stopped-marker").strip());
        host.stop();
        host.start();
        assertEquals("kept", host.shOk("cat /var/tmp/new-folder/stopped-marker").strip());
    }

    @Test
    @Order(5)
    void aCutStopsTrafficBetweenTwoHostsOnlyUntilRestored() throws IOException {
        LabHost one = lab.host(1);
        LabHost two = lab.host(2);
        LabHost three = lab.host(3);
        lab.cut(one, two);
        try {
            assertFalse(canConnect(one, two), "1 -> 2 is cut");
            assertFalse(canConnect(two, one), "2 -> 1 is cut");
            assertTrue(canConnect(one, three), "1 -> 3 still works");
            assertTrue(canConnect(three, two), "3 -> 2 still works");
        } finally {
            lab.restore(one, two);
        }
        assertTrue(canConnect(one, two), "1 -> 2 works again");
    }

    @Test
    @Order(6)
    void aCutSurvivesARestartOfTheHost() {
        LabHost one = lab.host(1);
        LabHost two = lab.host(2);
        lab.cut(one, two);
        try {
            one.kill();
            one.start();
            assertFalse(canConnect(one, two), "1 -> 2 is still cut after 1 rebooted");
        } finally {
            lab.restoreNetwork();
        }
        assertTrue(canConnect(one, two));
    }

    @Test
    @Order(7)
    void aPausedHostDoesNotAnswerUntilUnpaused() throws IOException {
        LabHost host = lab.host(3);
        host.pause();
        try {
            assertFalse(canConnect(lab.host(1), host), "a paused host does not answer");
        } finally {
            host.unpause();
        }
        try (SshSession root = new SshSession(lab, host, "root")) {
            assertEquals(0, root.run("true").exitStatus());
        }
    }

    @Test
    @Order(8)
    void aReplacedHostIsBlankAndItsChangedHostKeyIsRefused() throws IOException {
        LabHost host = lab.host(2);
        host.sh("touch /var/tmp/old-disk");
        List<String> oldKeys = host.knownHostsLines();

        host.replaceWithBlank(LabHost.HostKeys.KEEP_OLD);
        assertNotEquals(oldKeys, host.knownHostsLines(), "a reinstalled machine has new host keys");
        assertEquals(1, host.sh("test -e /var/tmp/old-disk").exitCode(), "the new disk is blank");
        TransportException refused = assertThrows(TransportException.class,
                () -> new SshSession(lab, host, "root").close());
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, refused.getDisconnectReason(), refused.getMessage());

        host.replaceWithBlank(LabHost.HostKeys.RECORD_NEW);
        try (SshSession root = new SshSession(lab, host, "root")) {
            assertEquals("running", root.run("systemctl is-system-running").stdout().strip());
        }
    }

    /**
     * Asks {@code from} to connect to the sshd of {@code to} and read its banner, with a short
     * timeout. (A TCP handshake alone is not enough: the kernel completes it for a frozen process.)
     */
    private static boolean canConnect(LabHost from, LabHost to) {
        String readBanner = "exec 3<>/dev/tcp/" + to.address() + "/22 && head -c 4 <&3";
        return from.exec("timeout", "2", "bash", "-c", readBanner).stdout().equals("SSH-");
    }

}
