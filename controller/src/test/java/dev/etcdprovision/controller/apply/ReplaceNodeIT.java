package dev.etcdprovision.controller.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdprovision.controller.cli.Main;
import dev.etcdprovision.controller.lab.Cli;
import dev.etcdprovision.controller.lab.Etcdctl;
import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code etcd-provision replace-node} on a three-member cluster with data, on real hosts. */
class ReplaceNodeIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabInventory inventory;
    private Path file;
    private Etcdctl etcdctl;

    /** A fresh cluster holding 50 keys. */
    @BeforeEach
    void clusterWithData() {
        lab.replaceAllWithBlank();
        inventory = LabInventory.in(lab, "replace-" + System.nanoTime());
        file = inventory.write();
        Cli.Run apply = Cli.run("apply", file.toString());
        assertEquals(Main.OK, apply.exitCode(), apply.printed());
        etcdctl = new Etcdctl(inventory.pki());
        for (int i = 0; i < 50; i++) {
            etcdctl.run(endpoint(1), "put", "/before/key-" + i, "value-" + i);
        }
    }

    @Test
    void aDeadHostBackAsABlankMachineRejoinsWithANewMemberIdAndAllDataWhileAWriterWrites() throws Exception {
        String oldId = memberId("etcd2");
        LabHost host = lab.host(2);
        host.kill();
        host.replaceWithBlank(LabHost.HostKeys.RECORD_NEW);

        Cli.Run replace;
        List<String> acknowledged;
        try (Writer writer = Writer.start(lab, inventory)) {
            replace = Cli.run("replace-node", "etcd2", "-i", file.toString(), "--output", "json");
            acknowledged = writer.stop();
        }

        assertEquals(Main.OK, replace.exitCode(), replace.printed());
        JsonNode report = JSON.readTree(replace.out());
        assertEquals("ok", report.get("result").asText());
        assertEquals(oldId, report.get("oldMemberId").asText());
        String newId = report.get("newMemberId").asText();
        assertNotEquals(oldId, newId, "a new member, not the old one restarted");
        assertEquals(newId, memberId("etcd2"));
        Path snapshot = Path.of(report.get("snapshot").asText());
        assertTrue(Files.isRegularFile(snapshot), "the snapshot is saved");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(snapshot)), "a snapshot holds every secret: its owner's only");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(snapshot.getParent())));
        assertThreeHealthyVoters();
        assertEquals("value-49", etcdctl.run(endpoint(2), "get", "/before/key-49", "--print-value-only").strip(),
                "the new member has the data written before");
        String written = etcdctl.run(endpoint(2), "get", Writer.PREFIX, "--prefix", "--keys-only");
        assertEquals(List.of(), acknowledged.stream().filter(key -> !written.contains(key)).toList(),
                "every write acknowledged during the replacement is there");
        assertTrue(acknowledged.size() > 10, "the writer kept writing: " + acknowledged.size());
        assertEquals("", etcdctl.run(endpoint(1), "get", ReplaceNode.MARKER_PREFIX, "--prefix", "--keys-only")
                .strip(), "the replacement marker is gone");
        assertTrue(Cli.run("apply", file.toString()).out().contains("nothing to change"),
                "apply finds the replaced cluster converged");
    }

    @Test
    void aMemberWhoseDataDirWasDeletedWhileRunningIsRepaired() {
        LabHost host = lab.host(2);
        host.shOk("rm -rf /var/lib/etcd/member");

        Cli.Run replace = Cli.run("replace-node", "etcd2", "-i", file.toString());

        assertEquals(Main.OK, replace.exitCode(), replace.printed());
        assertTrue(replace.out().contains("[remove] etcd2: removed member"), replace.printed());
        assertTrue(replace.out().contains("[replace-node] etcd2: member "), replace.printed());
        assertThreeHealthyVoters();
        assertEquals("value-7", etcdctl.run(endpoint(2), "get", "/before/key-7", "--print-value-only").strip());
    }

    @Test
    void aRunKilledAfterTheRemovalOrAfterTheAddIsFinishedByTheNextRun() throws Exception {
        Process killed = killWhenPrinted("etcd2", "[remove] etcd2: removed member");
        assertEquals(2, etcdctl.run(endpoint(1), "member", "list").lines().count(), "killed after the removal");
        Cli.Run again = Cli.run("replace-node", "etcd2", "-i", file.toString());
        assertEquals(Main.OK, again.exitCode(), again.printed());
        assertTrue(again.out().contains("did not finish; continuing"), again.printed());
        assertThreeHealthyVoters();
        assertFalse(killed.isAlive());
        assertEquals(0, lab.host(2).sh("ls -d /var/lib/etcd.replaced-*/member").exitCode(),
                "the old member's data was moved aside, not deleted");

        killWhenPrinted("etcd3", "etcd3: added as learner");
        String members = etcdctl.run(endpoint(1), "member", "list");
        assertTrue(members.contains("unstarted") || members.contains("true"), "killed after the add: " + members);
        Cli.Run third = Cli.run("replace-node", "etcd3", "-i", file.toString());
        assertEquals(Main.OK, third.exitCode(), third.printed());
        assertThreeHealthyVoters();
        assertEquals("value-3", etcdctl.run(endpoint(3), "get", "/before/key-3", "--print-value-only").strip());
    }

    @Test
    void withoutAQuorumOfTheOtherMembersItRefusesAndChangesNothing() throws IOException {
        lab.host(3).kill();
        LabHost target = lab.host(2);
        target.kill();
        target.replaceWithBlank(LabHost.HostKeys.RECORD_NEW);

        Cli.Run replace = Cli.run("replace-node", "etcd2", "-i", file.toString());

        assertEquals(Main.PREFLIGHT, replace.exitCode(), replace.printed());
        assertTrue(replace.err().contains("snapshot restore"), replace.printed());
        assertEquals(1, target.sh("test -e " + NodeLayout.CONFIG_DIR + " || test -e " + NodeLayout.INSTALL_DIR)
                .exitCode(), "nothing was installed on the replacement host");
        Path backups = inventory.folder().resolve("backups");
        assertFalse(Files.exists(backups) && Files.list(backups).findAny().isPresent(), "no snapshot was taken");

        Cli.Run unknown = Cli.run("replace-node", "etcd9", "-i", file.toString());
        assertEquals(Main.PREFLIGHT, unknown.exitCode(), unknown.printed());
        assertTrue(unknown.err().contains("etcd9: is not in the inventory (etcd1, etcd2, etcd3)"), unknown.printed());
    }

    private static String endpoint(int host) {
        return "https://" + lab.host(host).address() + ":2379";
    }

    private String memberId(String name) {
        return etcdctl.run(endpoint(1), "member", "list").lines().filter(line -> line.contains(", " + name + ", "))
                .map(line -> line.split(",")[0].strip()).findFirst().orElseThrow();
    }

    /** Three started voting members, each healthy. */
    private void assertThreeHealthyVoters() {
        String members = etcdctl.run(endpoint(1), "member", "list");
        assertEquals(3, members.lines().filter(line -> line.contains("started") && line.endsWith("false")).count(),
                members);
        String health = etcdctl.run(String.join(",", endpoint(1), endpoint(2), endpoint(3)), "endpoint", "health");
        assertEquals(3, health.lines().filter(line -> line.contains("is healthy")).count(), health);
    }

    /**
     * Runs replace-node in its own JVM (the shaded jar, as an operator would) and kills it with
     * SIGKILL as soon as it prints {@code line}: a controller that dies at that point.
     */
    private Process killWhenPrinted(String node, String line) throws Exception {
        Path jar = Path.of(System.getProperty("project.root"), "controller", "target", "etcd-provision.jar");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "replace-node", node, "-i", file.toString())
                .redirectErrorStream(true).start();
        List<String> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String read;
            while ((read = out.readLine()) != null) {
                printed.add(read);
                if (read.contains(line)) {
                    process.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the controller ended");
        assertTrue(printed.stream().anyMatch(read -> read.contains(line)), "it got as far as: " + printed);
        return process;
    }
}
