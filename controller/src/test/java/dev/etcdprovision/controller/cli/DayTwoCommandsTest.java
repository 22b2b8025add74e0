package dev.etcdprovision.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day-2 commands on bad input, which they refuse before reaching any host or member: each
 * says what is wrong and what to do, with the exit code of its kind. (They do their work in the lab
 * tests.)
 */
class DayTwoCommandsTest {
    private final CliFixture cli = new CliFixture();

    @TempDir
    Path folder;

    @Test
    void everyDayTwoCommandIsListedAndTakesHelp() {
        assertEquals(Main.OK, cli.run("--help"));
        for (String command : new String[] {"status", "snapshot", "defrag", "env", "kubeadm-config", "logs"}) {
            assertTrue(cli.out().contains("\n  " + command + " "), cli.out());
        }
        assertEquals(Main.OK, cli.run("snapshot", "restore", "--help"));
        assertTrue(cli.out().contains("--force"), cli.out());
        assertTrue(cli.out().contains("--accept-new-host-keys"), cli.out());
    }

    @Test
    void withoutTheAdminCertificateTheCommandsOnEtcdSayToMakeItFirst() throws Exception {
        String inventory = CliFixture.inventory(folder, "").toString();
        for (String[] command : new String[][] {{"status"}, {"env"}, {"defrag"}, {"snapshot", "save"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "-i";
            args[command.length + 1] = inventory;
            assertEquals(Main.INVALID_INPUT, cli.run(args), String.join(" ", command) + ": " + cli.err());
            assertTrue(cli.err().contains("pki/ca.crt does not exist: this command talks to etcd with the admin client"
                    + " certificate of the PKI folder; run `etcd-provision apply` (or `certs generate`) first"),
                    cli.err());
            assertEquals("", cli.out());
        }
        assertEquals(Main.INVALID_INPUT, cli.run("kubeadm-config", "-i", inventory), cli.err());
        assertTrue(cli.err().contains("run `etcd-provision certs generate` (or apply) first"), cli.err());
    }

    @Test
    void unknownNodesAndNegativeCountsAreUsageErrors() throws Exception {
        String inventory = CliFixture.inventory(folder, "").toString();
        assertEquals(Main.USAGE, cli.run("logs", "nope", "-i", inventory));
        assertTrue(cli.err().contains("no node named nope in the inventory; its nodes are [k8s1-etcd1, k8s1-etcd2,"
                + " k8s1-etcd3]"), cli.err());
        assertEquals(Main.USAGE, cli.run("env", "nope", "-i", inventory));
        assertEquals(Main.USAGE, cli.run("logs", "k8s1-etcd1", "-n", "-1", "-i", inventory));
        assertTrue(cli.err().contains("--lines must be 0 or more, not -1"), cli.err());
        assertEquals(Main.USAGE, cli.run("defrag", "--keep-revisions", "-5", "-i", inventory));
        assertTrue(cli.err().contains("--keep-revisions must be 0 or more, not -5"), cli.err());
        assertEquals(Main.USAGE, cli.run("snapshot"));
        assertTrue(cli.err().contains("say what to do: save or restore"), cli.err());
    }

    @Test
    void aFileThatIsNoSnapshotIsRefusedBeforeAnyHostIsReached() throws Exception {
        String inventory = CliFixture.inventory(folder, "").toString();
        Path notes = Files.writeString(folder.resolve("notes.db"), "a file that is not a snapshot at all, long enough");
        assertEquals(Main.INVALID_INPUT, cli.run("snapshot", "restore", notes.toString(), "-i", inventory));
        assertTrue(cli.err().contains("phase preflight failed on controller: " + notes.toAbsolutePath()
                + " is not an etcd snapshot"), cli.err());
        assertTrue(cli.err().contains("hint: give a file that `etcd-provision snapshot save` or `etcdctl snapshot"
                + " save` wrote"), cli.err());
    }
}
