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
import dev.etcdprovision.controller.lab.LabNodes;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code etcd-provision apply} and {@code plan} on real hosts with real etcd: forming, a no-op
 * re-apply, a rolling change under writes, growth, shrinking, an upgrade, failures.
 */
class ApplyIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    private static final Duration SYSTEMD_RESTART = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every test starts from bare machines. */
    @BeforeEach
    void blankHosts() {
        lab.replaceAllWithBlank();
    }

    @Test
    void formsAThreeMemberClusterAsRootAndAReapplyChangesNothing() throws IOException {
        LabInventory inventory = LabInventory.in(lab, "form-root");
        Path file = inventory.write();

        Cli.Run newPlan = Cli.run("plan", file.toString(), "--detailed-exitcode");
        assertEquals(Main.CHANGES_PENDING, newPlan.exitCode(), newPlan.printed());
        assertTrue(newPlan.out().contains("form a new cluster of 3 member(s)"), newPlan.printed());
        assertFalse(Files.exists(inventory.pki()), "plan changes nothing, not even the PKI folder");
        assertFalse(lab.host(1).sh("test -e " + NodeLayout.CONFIG_DIR).exitCode() == 0, "plan touches no host");

        Cli.Run apply = Cli.run("apply", file.toString());
        assertEquals(Main.OK, apply.exitCode(), apply.printed());

        // as a runbook checks it: a real etcdctl with the admin certificate, write on one, read on another
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        etcdctl.run(endpoint(1), "put", "/runbook/check", "written-on-etcd1");
        assertEquals("written-on-etcd1", etcdctl.run(endpoint(3), "get", "/runbook/check", "--print-value-only")
                .strip());
        String members = etcdctl.run(endpoint(2), "member", "list");
        assertEquals(3, members.lines().filter(line -> line.contains("started")).count(), members);

        Map<String, String> pidsBefore = mainPids();
        Map<String, String> filesBefore = managedFiles();
        String memberIdsBefore = memberIds(etcdctl);

        Cli.Run again = Cli.run("apply", file.toString());
        assertEquals(Main.OK, again.exitCode(), again.printed());
        assertTrue(again.out().contains("nothing to change"), again.printed());
        assertFalse(again.out().contains("(changed"), again.printed());
        assertEquals(pidsBefore, mainPids(), "no member restarted");
        assertEquals(filesBefore, managedFiles(), "no file rewritten (mtime and inode)");
        assertEquals(memberIdsBefore, memberIds(etcdctl), "the same members");

        Cli.Run converged = Cli.run("plan", file.toString(), "--detailed-exitcode");
        assertEquals(Main.OK, converged.exitCode(), converged.printed());
        assertTrue(converged.out().contains("No changes"), converged.printed());

        Cli.Run json = Cli.run("apply", file.toString(), "--output", "json");
        assertEquals(Main.OK, json.exitCode(), json.printed());
        JsonNode report = JSON.readTree(json.out());
        assertEquals("ok", report.get("result").asText());
        assertFalse(report.get("changed").asBoolean());
        assertTrue(report.get("events").size() > 0);
    }

    @Test
    void aChangedTunableRollsThroughOneMemberAtATimeWhileAWriterKeepsWriting() throws Exception {
        LabInventory inventory = LabInventory.in(lab, "rolling");
        assertEquals(Main.OK, Cli.run("apply", inventory.write().toString()).exitCode());
        Map<String, String> pidsBefore = mainPids();

        Path edited = inventory.etcd("heartbeatInterval: 150ms\nelectionTimeout: 1500ms").write();
        Cli.Run plan = Cli.run("plan", edited.toString(), "--detailed-exitcode");
        assertEquals(Main.CHANGES_PENDING, plan.exitCode(), plan.printed());
        assertTrue(plan.out().contains("-ETCD_HEARTBEAT_INTERVAL=100"), plan.printed());
        assertTrue(plan.out().contains("+ETCD_HEARTBEAT_INTERVAL=150"), plan.printed());
        assertTrue(plan.out().contains("restart etcd: etcd.conf: ETCD_HEARTBEAT_INTERVAL, ETCD_ELECTION_TIMEOUT"),
                plan.printed());
        JsonNode planJson = JSON.readTree(Cli.run("plan", edited.toString(), "--output", "json").out());
        assertTrue(planJson.get("changes").asBoolean());
        String leader = planJson.findValues("nodes").get(0).findParents("leader").stream()
                .filter(node -> node.get("leader").asBoolean()).map(node -> node.get("name").asText())
                .findFirst().orElseThrow();

        Cli.Run apply;
        List<String> acknowledged;
        try (Writer writer = Writer.start(lab, inventory)) {
            apply = Cli.run("apply", edited.toString());
            acknowledged = writer.stop();
        }
        assertEquals(Main.OK, apply.exitCode(), apply.printed());
        assertTrue(acknowledged.size() > 20, "the writer kept writing: " + acknowledged.size());

        List<String> restarts = apply.out().lines().filter(line -> line.startsWith("[restart] ")
                && line.contains(": restarted")).toList();
        assertEquals(3, restarts.size(), apply.printed());
        assertTrue(restarts.get(2).startsWith("[restart] " + leader + ":"), "the leader restarts last: " + restarts);
        assertTrue(apply.out().contains("[restart] " + leader + ": handed leadership over"), apply.printed());
        Map<String, String> pidsAfter = mainPids();
        pidsBefore.forEach((node, pid) -> assertNotEquals(pid, pidsAfter.get(node), node + " restarted"));
        for (LabHost host : lab.hosts()) {
            assertTrue(host.shOk("cat " + NodeLayout.ETCD_CONF).contains("ETCD_HEARTBEAT_INTERVAL=150"));
        }

        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        String all = etcdctl.run(endpoint(2), "get", Writer.PREFIX, "--prefix", "--keys-only");
        List<String> missing = acknowledged.stream().filter(key -> !all.contains(key)).toList();
        assertEquals(List.of(), missing, "every acknowledged write is there");

        Cli.Run again = Cli.run("apply", edited.toString());
        assertTrue(again.out().contains("nothing to change"), again.printed());
    }

    @Test
    void aKilledEtcdIsBroughtBackBySystemdAndStoppedMembersAreStartedByApply() {
        LabInventory inventory = LabInventory.in(lab, "sigkill");
        assertEquals(Main.OK, Cli.run("apply", inventory.write().toString()).exitCode());
        LabHost host = lab.host(2);
        String pid = mainPid(host);

        host.shOk("kill -9 " + pid);

        LabNodes.await(SYSTEMD_RESTART, "etcd back on " + host, () -> {
            String now = mainPid(host);
            return !now.equals("0") && !now.equals(pid)
                    && new Etcdctl(inventory.pki()).tryRun(endpoint(2), "endpoint", "health").exitCode() == 0;
        }, () -> host.sh("systemctl status --no-pager " + NodeLayout.UNIT_NAME).stdout());
        String members = new Etcdctl(inventory.pki()).run(endpoint(1), "member", "list");
        assertEquals(3, members.lines().filter(line -> line.contains("started")).count(), members);

        // every member stopped (a power cut and etcd disabled, say): apply starts them together
        lab.hosts().forEach(each -> each.shOk("systemctl stop " + NodeLayout.UNIT_NAME));
        Cli.Run resume = Cli.run("apply", inventory.write().toString());
        assertEquals(Main.OK, resume.exitCode(), resume.printed());
        assertTrue(resume.out().contains("no quorum: members that are down will be started"), resume.printed());
        assertEquals(3, resume.out().lines().filter(line -> line.startsWith("[start] ")
                && line.contains(": started (a member is down")).count(), resume.printed());
        assertTrue(resume.out().contains("3 voting member(s) healthy"), resume.printed());
    }

    @Test
    void growsFromOneToThreeAndShrinksBackAsASudoUserWithTheDataIntact() {
        LabInventory inventory = LabInventory.in(lab, "resize").user(Lab.SUDO_USER);
        Path one = inventory.hosts(List.of(lab.host(1))).write();
        assertEquals(Main.OK, Cli.run("apply", one.toString()).exitCode());
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        for (int i = 0; i < 20; i++) {
            etcdctl.run(endpoint(1), "put", "/resize/key-" + i, "value-" + i);
        }

        Path three = inventory.hosts(lab.hosts()).write();
        Cli.Run grow = Cli.run("apply", three.toString());
        assertEquals(Main.OK, grow.exitCode(), grow.printed());
        List<String> joins = grow.out().lines().filter(line -> line.contains(": joined as ")).toList();
        assertEquals(List.of("etcd2", "etcd3"), joins.stream().map(line -> line.substring(10, 15)).toList(),
                "one member at a time, in inventory order: " + grow.printed());
        String members = etcdctl.run(endpoint(1), "member", "list");
        assertEquals(3, members.lines().filter(line -> line.contains("started") && line.contains("false")).count(),
                "three started voting members (IS LEARNER false): " + members);
        assertEquals("value-19", etcdctl.run(endpoint(3), "get", "/resize/key-19", "--print-value-only").strip());
        assertEquals(Main.OK, Cli.run("plan", three.toString(), "--detailed-exitcode").exitCode());

        Path backToOne = inventory.hosts(List.of(lab.host(1))).write();
        Cli.Run refused = Cli.run("apply", backToOne.toString());
        assertEquals(Main.PREFLIGHT, refused.exitCode(), refused.printed());
        assertTrue(refused.err().contains("--allow-remove"), refused.printed());
        assertEquals(3, etcdctl.run(endpoint(1), "member", "list").lines().count(), "nothing was removed");

        Cli.Run shrink = Cli.run("apply", backToOne.toString(), "--allow-remove");
        assertEquals(Main.OK, shrink.exitCode(), shrink.printed());
        assertEquals(1, etcdctl.run(endpoint(1), "member", "list").lines().count());
        assertEquals("value-0", etcdctl.run(endpoint(1), "get", "/resize/key-0", "--print-value-only").strip());
        for (LabHost removed : List.of(lab.host(2), lab.host(3))) {
            assertEquals("inactive", removed.sh("systemctl is-active " + NodeLayout.UNIT_NAME).stdout().strip());
            assertEquals("disabled", removed.sh("systemctl is-enabled " + NodeLayout.UNIT_NAME).stdout().strip());
            assertEquals(0, removed.sh("ls -d /var/lib/etcd.replaced-*/member").exitCode(),
                    "the data of " + removed + " was moved aside, not deleted");
        }
    }

    @Test
    void upgradesFrom34To35OneMemberAtATimeAfterASnapshot() {
        LabInventory inventory = LabInventory.in(lab, "upgrade").version(EtcdReleases.V3_4);
        assertEquals(Main.OK, Cli.run("apply", inventory.write().toString()).exitCode());
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        etcdctl.run(endpoint(1), "put", "/upgrade/before", "written-on-3.4");

        Path upgraded = inventory.version(EtcdReleases.V3_5).write();
        Cli.Run apply = Cli.run("apply", upgraded.toString());
        assertEquals(Main.OK, apply.exitCode(), apply.printed());
        assertTrue(apply.out().contains("saved a snapshot before upgrading etcd 3.4.23 -> 3.5.16"), apply.printed());
        String status = etcdctl.run(String.join(",", endpoint(1), endpoint(2), endpoint(3)), "endpoint", "status");
        assertEquals(3, status.lines().filter(line -> line.contains("3.5.16")).count(), status);
        assertEquals("written-on-3.4", etcdctl.run(endpoint(3), "get", "/upgrade/before", "--print-value-only")
                .strip());
        try (var backups = Files.list(inventory.folder().resolve("backups"))) {
            assertEquals(1, backups.filter(path -> path.toString().endsWith(".db")).count());
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        Cli.Run downgrade = Cli.run("plan", inventory.version(EtcdReleases.V3_4).write().toString());
        assertEquals(Main.PREFLIGHT, downgrade.exitCode(), downgrade.printed());
        assertTrue(downgrade.out().contains("that is a downgrade"), downgrade.printed());
    }

    @Test
    void aHostThatIsDownStopsApplyBeforeAnyChangeAndAReRunFinishesTheJob() {
        LabInventory inventory = LabInventory.in(lab, "host-down");
        Path file = inventory.write();
        lab.host(3).kill();

        Cli.Run down = Cli.run("apply", file.toString());
        assertEquals(Main.PREFLIGHT, down.exitCode(), down.printed());
        assertTrue(down.err().contains("phase preflight failed on etcd3"), down.printed());
        assertTrue(down.err().contains(lab.host(3).address()), down.printed());
        for (LabHost host : List.of(lab.host(1), lab.host(2))) {
            assertEquals(1, host.sh("test -e " + NodeLayout.CONFIG_DIR + " || test -e " + NodeLayout.INSTALL_DIR)
                    .exitCode(), "nothing was installed on " + host);
        }
        assertFalse(Files.exists(inventory.pki()), "preflight comes before the PKI phase");

        lab.host(3).start();
        Cli.Run again = Cli.run("apply", file.toString());
        assertEquals(Main.OK, again.exitCode(), again.printed());
        assertTrue(again.out().contains("3 voting member(s) healthy"), again.printed());
    }

    @Test
    void anEtcdThatCannotStartFailsApplyWithTheLastLinesOfItsJournal() throws IOException {
        LabInventory inventory = LabInventory.in(lab, "broken-template").hosts(List.of(lab.host(1)));
        Path templates = Files.createDirectories(inventory.folder().resolve("templates"));
        try (InputStream packaged = getClass().getResourceAsStream("/templates/etcd.conf.ftl")) {
            // a setting etcd cannot parse: it exits at once, and systemd keeps restarting it
            Files.writeString(templates.resolve("etcd.conf.ftl"),
                    new String(packaged.readAllBytes()) + "ETCD_SNAPSHOT_COUNT=not-a-number\n");
        }

        Cli.Run apply = Cli.run("apply", inventory.write().toString(), "--templates", templates.toString());

        assertEquals(Main.FAILURE, apply.exitCode(), apply.printed());
        assertTrue(apply.err().contains("phase start failed on etcd1: etcd failed to start"), apply.printed());
        assertTrue(apply.err().contains("last lines of `journalctl -u etcd3.service`"), apply.printed());
        assertTrue(apply.err().contains("not-a-number"), "the journal says what is wrong: " + apply.printed());
    }

    private static String endpoint(int host) {
        return "https://" + lab.host(host).address() + ":2379";
    }

    private static String mainPid(LabHost host) {
        return host.shOk("systemctl show --property=MainPID --value " + NodeLayout.UNIT_NAME).strip();
    }

    private static Map<String, String> mainPids() {
        Map<String, String> pids = new LinkedHashMap<>();
        lab.hosts().forEach(host -> pids.put(host.name(), mainPid(host)));
        return pids;
    }

    /** Every file apply manages on every host, with its mtime (to the nanosecond) and inode. */
    private static Map<String, String> managedFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (LabHost host : lab.hosts()) {
            files.put(host.name(), host.shOk("find " + NodeLayout.CONFIG_DIR + " " + NodeLayout.UNIT_FILE + " "
                    + NodeLayout.INSTALL_DIR + " -type f -exec stat -c '%n %y %i' {} + | sort"));
        }
        return files;
    }

    private static String memberIds(Etcdctl etcdctl) {
        return etcdctl.run(endpoint(1), "member", "list").lines().map(line -> line.split(",")[0].strip()).sorted()
                .collect(Collectors.joining(" "));
    }
}
