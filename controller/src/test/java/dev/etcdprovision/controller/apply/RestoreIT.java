package dev.etcdprovision.controller.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdprovision.controller.cli.Main;
import dev.etcdprovision.controller.lab.Cli;
import dev.etcdprovision.controller.lab.Etcdctl;
import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code snapshot save} and {@code snapshot restore} on real hosts with real etcd: a cluster that
 * lost two of its three hosts comes back from a snapshot, and a restore that broke off is finished
 * by the next run.
 */
class RestoreIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_DIR = "/var/lib/etcd";
    private static final Pattern TOKEN = Pattern.compile("as a member of (lab-restored-\\S+)");

    @Test
    void aClusterThatLostTwoOfThreeHostsComesBackFromASnapshotAndABrokenOffRestoreIsFinished() throws Exception {
        lab.replaceAllWithBlank();
        LabInventory inventory = LabInventory.in(lab, "restore");
        Path file = inventory.write();
        assertEquals(Main.OK, Cli.run("apply", file.toString()).exitCode());
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        for (int i = 0; i < 10; i++) {
            etcdctl.run(endpoint(1), "put", "/restore/key-" + i, "value-" + i);
        }

        Path snapshot = snapshotSaveReportsWhatItWrote(file, inventory);
        etcdctl.run(endpoint(1), "put", "/restore/after-snapshot", "not in the snapshot");
        String membersBefore = memberIds(etcdctl);
        aHealthyClusterIsNotRestoredWithoutForce(file, snapshot);

        // two hosts lost for good: reinstalled machines at the same addresses
        lab.host(2).kill();
        lab.host(3).kill();
        lab.host(2).replaceWithBlank(LabHost.HostKeys.RECORD_NEW);
        lab.host(3).replaceWithBlank(LabHost.HostKeys.RECORD_NEW);
        Cli.Run restore = Cli.run("snapshot", "restore", snapshot.toString(), "-i", file.toString());
        assertEquals(Main.OK, restore.exitCode(), restore.printed());
        theClusterHoldsTheSnapshotsDataAsNewMembers(file, inventory, restore, membersBefore);
        assertEquals(0, lab.host(1).sh("ls -d " + DATA_DIR + ".replaced-*/member").exitCode(),
                "the old data of the surviving member was moved aside, not deleted");

        aBrokenOffRestoreIsFinishedByTheNextRun(file, inventory, snapshot);
    }

    /** etcd 3.4 has no etcdutl: its etcdctl reads and restores the snapshot. */
    @Test
    void aOneMemberClusterOfEtcd34IsRestoredWithItsEtcdctl() {
        lab.replaceAllWithBlank();
        LabInventory inventory = LabInventory.in(lab, "restore-3.4").version(EtcdReleases.V3_4)
                .hosts(List.of(lab.host(1)));
        Path file = inventory.write();
        assertEquals(Main.OK, Cli.run("apply", file.toString()).exitCode());
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        etcdctl.run(endpoint(1), "put", "/restore/on-3.4", "kept");
        Path snapshot = inventory.folder().resolve("3.4.db");
        assertEquals(Main.OK, Cli.run("snapshot", "save", snapshot.toString(), "-i", file.toString()).exitCode());
        etcdctl.run(endpoint(1), "put", "/restore/after-snapshot", "not in the snapshot");

        Cli.Run restore = Cli.run("snapshot", "restore", snapshot.toString(), "-i", file.toString(), "--force");

        assertEquals(Main.OK, restore.exitCode(), restore.printed());
        assertTrue(restore.out().contains("[restore] etcd1: restored into " + DATA_DIR
                + " as a member of lab-restored-"), restore.printed());
        assertEquals("kept", etcdctl.run(endpoint(1), "get", "/restore/on-3.4", "--print-value-only").strip());
        assertEquals("", etcdctl.run(endpoint(1), "get", "/restore/after-snapshot").strip());
        assertTrue(etcdctl.run(endpoint(1), "endpoint", "status").contains("3.4.23"));
        assertEquals(Main.OK, Cli.run("plan", file.toString(), "--detailed-exitcode").exitCode());
    }

    private static Path snapshotSaveReportsWhatItWrote(Path file, LabInventory inventory) throws Exception {
        Cli.Run save = Cli.run("snapshot", "save", "-i", file.toString());
        assertEquals(Main.OK, save.exitCode(), save.printed());
        Map<String, String> report = new LinkedHashMap<>();
        save.out().lines().filter(line -> !line.startsWith("[")).forEach(line -> report.put(
                line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ')).strip()));
        Path snapshot = Path.of(report.get("file"));
        assertEquals(inventory.folder().resolve("backups"), snapshot.getParent());
        assertTrue(snapshot.getFileName().toString().matches("lab-\\d{8}T\\d{6}Z\\.db"), snapshot.toString());
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(snapshot));
        assertEquals(HexFormat.of().formatHex(sha256), report.get("sha256"));
        assertTrue(report.get("size").startsWith(Files.size(snapshot) + " bytes"), save.printed());
        assertTrue(Long.parseLong(report.get("revision")) >= 11, "ten keys were written: " + save.printed());
        try (var partial = Files.list(snapshot.getParent())) {
            assertEquals(List.of(snapshot), partial.toList(), "no temporary file is left");
        }

        Path named = inventory.folder().resolve("named.db");
        JsonNode json = JSON.readTree(Cli.run("snapshot", "save", named.toString(), "-i", file.toString(), "--output",
                "json").out());
        assertEquals(named.toString(), json.get("file").asText());
        assertEquals(Files.size(named), json.get("sizeBytes").asLong());
        return snapshot;
    }

    private static void aHealthyClusterIsNotRestoredWithoutForce(Path file, Path snapshot) {
        String pids = mainPids();
        Cli.Run refused = Cli.run("snapshot", "restore", snapshot.toString(), "-i", file.toString());
        assertEquals(Main.PREFLIGHT, refused.exitCode(), refused.printed());
        assertTrue(refused.err().contains("the cluster still has a healthy quorum (3 of 3 voting members healthy)"),
                refused.printed());
        assertTrue(refused.err().contains("run again with --force"), refused.printed());
        assertEquals(pids, mainPids(), "no member was stopped");
    }

    private static void theClusterHoldsTheSnapshotsDataAsNewMembers(Path file, LabInventory inventory, Cli.Run restore,
                                                                    String membersBefore) {
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        List<String> printed = restore.out().lines().dropWhile(line -> !line.startsWith("[restore] cluster lab"))
                .skip(1).map(String::strip).toList();
        assertEquals(3, printed.size(), restore.printed());
        String members = etcdctl.run(endpoint(2), "member", "list");
        for (String line : printed) {
            String id = line.substring(line.lastIndexOf(' ') + 1);
            assertTrue(members.contains(id + ", started, " + line.substring(0, line.indexOf(' ')) + ","), members);
        }
        assertFalse(members.lines().anyMatch(line -> membersBefore.contains(line.split(",")[0])),
                "new member ids: " + members + " vs " + membersBefore);
        assertEquals("value-9", etcdctl.run(endpoint(3), "get", "/restore/key-9", "--print-value-only").strip());
        assertEquals("", etcdctl.run(endpoint(2), "get", "/restore/after-snapshot").strip(),
                "what was written after the snapshot is not there");
        assertEquals(0, etcdctl.tryRun(String.join(",", endpoint(1), endpoint(2), endpoint(3)), "endpoint",
                "health").exitCode());

        Cli.Run plan = Cli.run("plan", file.toString(), "--detailed-exitcode");
        assertEquals(Main.OK, plan.exitCode(), "the restored cluster is what apply makes: " + plan.printed());
        Cli.Run status = Cli.run("status", "-i", file.toString());
        assertEquals(Main.OK, status.exitCode(), status.printed());
        for (LabHost host : lab.hosts()) {
            assertEquals(1, host.sh("test -e " + DATA_DIR + ".snapshot.db || test -e " + DATA_DIR + ".restored")
                    .exitCode(),
                    "the copy of the snapshot and the marker are gone from " + host);
        }
    }

    /**
     * A restore forced on the healthy cluster breaks off on one node (a mount holds the folder the
     * restore writes to); the next run, without --force as the cluster is down now, keeps what the
     * first restored and finishes on that node.
     */
    private static void aBrokenOffRestoreIsFinishedByTheNextRun(Path file, LabInventory inventory, Path snapshot) {
        LabHost blocked = lab.host(3);
        blocked.shOk("mkdir -p " + DATA_DIR + ".restoring && mount -t tmpfs tmpfs " + DATA_DIR + ".restoring");
        Cli.Run broken = Cli.run("snapshot", "restore", snapshot.toString(), "-i", file.toString(), "--force");
        assertEquals(Main.FAILURE, broken.exitCode(), broken.printed());
        assertTrue(broken.err().contains("phase restore failed on etcd3"), broken.printed());
        assertTrue(broken.out().contains("--force: its data is replaced by the snapshot's"), broken.printed());
        assertEquals(0, lab.host(1).sh("test -s " + DATA_DIR + ".restored").exitCode(), "etcd1 was restored");
        blocked.shOk("umount " + DATA_DIR + ".restoring");

        Cli.Run finished = Cli.run("snapshot", "restore", snapshot.toString(), "-i", file.toString());
        assertEquals(Main.OK, finished.exitCode(), finished.printed());
        for (String kept : List.of("etcd1", "etcd2")) {
            assertTrue(finished.out().contains("[stop] " + kept + ": etcd was not running; keeps the data this restore"
                    + " put there"), finished.printed());
            assertTrue(finished.out().contains("[restore] " + kept + ": restored by the run before"),
                    finished.printed());
        }
        assertEquals(token(broken), token(finished), "the same new cluster");
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        assertEquals("value-0", etcdctl.run(endpoint(3), "get", "/restore/key-0", "--print-value-only").strip());
        assertEquals(3, etcdctl.run(endpoint(1), "member", "list").lines().filter(line -> line.contains("started"))
                .count());
    }

    private static String token(Cli.Run run) {
        Matcher token = TOKEN.matcher(run.out());
        assertTrue(token.find(), run.printed());
        return token.group(1);
    }

    private static String endpoint(int host) {
        return "https://" + lab.host(host).address() + ":2379";
    }

    private static String mainPids() {
        return lab.hosts().stream().map(host -> host.shOk("systemctl show --property=MainPID --value "
                + NodeLayout.UNIT_NAME).strip()).collect(Collectors.joining(" "));
    }

    private static String memberIds(Etcdctl etcdctl) {
        return etcdctl.run(endpoint(1), "member", "list").lines().map(line -> line.split(",")[0].strip())
                .collect(Collectors.joining(" "));
    }
}
