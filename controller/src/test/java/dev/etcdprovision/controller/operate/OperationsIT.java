package dev.etcdprovision.controller.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.etcdprovision.controller.cli.Main;
import dev.etcdprovision.controller.cluster.ClientTls;
import dev.etcdprovision.controller.cluster.EtcdMembershipClient;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.lab.Cli;
import dev.etcdprovision.controller.lab.EtcdBinaries;
import dev.etcdprovision.controller.lab.Etcdctl;
import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.controller.lab.LabNodes;
import dev.etcdprovision.controller.lab.LocalProcess;
import dev.etcdprovision.controller.pki.Openssl;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The day-2 commands on real hosts with real etcd, on one cluster formed once: status, env with a
 * real etcdctl, the etcdctl wrapper on a node, kubeadm-config, logs, defrag of a full database,
 * and status again with a host killed and a member removed.
 */
class OperationsIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small, so that a few large values fill the database and etcd raises its NOSPACE alarm. */
    private static final String QUOTA = "backendQuota: 16MiB";
    private static final int VALUE_BYTES = 1 << 20;

    @Test
    void everyDayTwoCommandOnALabClusterThenStatusWithAHostDown() throws Exception {
        lab.replaceAllWithBlank();
        LabInventory inventory = LabInventory.in(lab, "operations").etcd(QUOTA);
        Path file = inventory.write();
        Cli.Run apply = Cli.run("apply", file.toString());
        assertEquals(Main.OK, apply.exitCode(), apply.printed());

        String leader = statusShowsEveryMemberHealthy(file, inventory);
        envDrivesARealEtcdctl(file);
        theWrapperRunsEtcdctlForRootOnANode();
        kubeadmConfigsFilesChainToTheCaAndEtcdAcceptsTheClient(file, inventory);
        logsPrintsAndFollowsEtcdsJournal(file, inventory);
        defragShrinksEveryMemberLeaderLastAndDisarmsNoSpace(file, inventory, leader);
        statusShowsADeadMemberAndANodeThatIsNotAMember(file, inventory);
    }

    /** Returns the leader's name. */
    private static String statusShowsEveryMemberHealthy(Path file, LabInventory inventory) throws Exception {
        Cli.Run text = Cli.run("status", "-i", file.toString());
        assertEquals(Main.OK, text.exitCode(), text.printed());
        List<String> lines = text.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NAME ") && lines.get(0).endsWith("STATUS"), text.printed());
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines.get(i).startsWith("etcd" + i + " ") && lines.get(i).endsWith("healthy"), text.printed());
            assertTrue(lines.get(i).contains(endpoint(i)), text.printed());
        }
        assertTrue(lines.get(4).startsWith("[status] cluster lab: 3 members, all healthy; leader etcd"),
                text.printed());

        JsonNode json = JSON.readTree(Cli.run("status", "-i", file.toString(), "--output", "json").out());
        assertTrue(json.get("healthy").asBoolean(), json.toString());
        assertEquals(3, json.get("members").size());
        String memberList = new Etcdctl(inventory.pki()).run(endpoint(1), "member", "list");
        List<String> leaders = new ArrayList<>();
        for (JsonNode member : json.get("members")) {
            assertTrue(memberList.startsWith(member.get("memberId").asText() + ",")
                    || memberList.contains("\n" + member.get("memberId").asText() + ","), memberList);
            assertEquals("3.5.16", member.get("version").asText());
            assertTrue(member.get("raftTerm").asLong() >= 2 && member.get("raftIndex").asLong() > 0, member.toString());
            assertTrue(member.get("dbSize").asLong() > 0 && member.get("dbSizeInUse").asLong() > 0, member.toString());
            long days = member.get("certificateDaysLeft").asLong();
            assertTrue(days >= 728 && days <= 730, "the node certificates last 730 days: " + days);
            if (member.get("leader").asBoolean()) {
                leaders.add(member.get("name").asText());
            }
        }
        assertEquals(List.of(json.get("leader").asText()), leaders, "one leader, the one named");
        return leaders.get(0);
    }

    /** As a runbook would: {@code eval "$(etcd-provision env)"} in a shell, then a plain etcdctl. */
    private static void envDrivesARealEtcdctl(Path file) {
        Path launcher = Path.of(System.getProperty("project.root"), "bin", "etcd-provision");
        LocalProcess.Result shell = LocalProcess.run(Duration.ofMinutes(1), List.of("sh", "-c",
                "PATH=\"$1:$PATH\" && eval \"$(\"$2\" env -i \"$3\")\" && etcdctl member list -w table"
                        + " && etcdctl put /env/key set-through-env && etcdctl get /env/key --print-value-only",
                "sh", EtcdBinaries.unpacked(EtcdReleases.V3_5).toString(), launcher.toString(), file.toString()));
        assertEquals(0, shell.exitCode(), shell.stdout() + shell.stderr());
        for (int i = 1; i <= 3; i++) {
            assertTrue(shell.stdout().contains("| etcd" + i + " |"), shell.stdout());
        }
        assertTrue(shell.stdout().strip().endsWith("\nset-through-env"), shell.stdout());

        Cli.Run one = Cli.run("env", "-i", file.toString(), "etcd2");
        assertEquals(Main.OK, one.exitCode(), one.printed());
        assertTrue(one.out().contains("export ETCDCTL_ENDPOINTS=" + endpoint(2) + "\n"), one.printed());
        Cli.Run unknown = Cli.run("env", "-i", file.toString(), "etcd9");
        assertEquals(Main.USAGE, unknown.exitCode(), unknown.printed());
        assertTrue(unknown.err().contains("no node named etcd9 in the inventory; its nodes are [etcd1, etcd2, etcd3]"),
                unknown.printed());
    }

    /** Root on a node runs etcdctl without a flag; anyone else is told to use sudo. */
    private static void theWrapperRunsEtcdctlForRootOnANode() {
        LabHost host = lab.host(2);
        assertEquals("755 root:root\n", host.shOk("stat -c '%a %U:%G' " + NodeLayout.ETCDCTL_WRAPPER));
        LabHost.ExecResult status = host.sh("etcdctl endpoint status -w json");
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().contains("\"Endpoint\":\"" + endpoint(2) + "\""), status.stdout());
        LabHost.ExecResult asOps = host.sh("su -s /bin/sh " + Lab.SUDO_USER + " -c 'etcdctl endpoint status'");
        assertEquals(1, asOps.exitCode(), asOps.stdout());
        assertTrue(asOps.stderr().contains("only root can read: run it with sudo"), asOps.stderr());
    }

    private static void kubeadmConfigsFilesChainToTheCaAndEtcdAcceptsTheClient(Path file, LabInventory inventory)
            throws Exception {
        Cli.Run run = Cli.run("kubeadm-config", "-i", file.toString());
        assertEquals(Main.OK, run.exitCode(), run.printed());
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(run.out());
        assertEquals("kubeadm.k8s.io/v1beta4", config.get("apiVersion").asText());
        assertEquals("ClusterConfiguration", config.get("kind").asText());
        JsonNode external = config.get("etcd").get("external");
        assertEquals(List.of(endpoint(1), endpoint(2), endpoint(3)),
                List.of(external.get("endpoints").get(0).asText(), external.get("endpoints").get(1).asText(),
                        external.get("endpoints").get(2).asText()));
        assertEquals("/etc/kubernetes/pki/apiserver-etcd-client.key", external.get("keyFile").asText());

        Path dir = inventory.folder().resolve("kubeadm");
        Path ca = dir.resolve("etcd/ca.crt");
        Path certificate = dir.resolve("apiserver-etcd-client.crt");
        Path key = dir.resolve("apiserver-etcd-client.key");
        assertEquals(certificate + ": OK", Openssl.run("verify", "-CAfile", ca.toString(), certificate.toString())
                .strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        // what kube-apiserver does with them: talk to etcd
        LocalProcess.Result put = LocalProcess.run(Duration.ofSeconds(30), List.of(
                EtcdBinaries.etcdctl(EtcdReleases.V3_5).toString(), "--endpoints=" + endpoint(3), "--cacert=" + ca,
                "--cert=" + certificate, "--key=" + key, "put", "/registry/kubeadm-check", "accepted"));
        assertEquals(0, put.exitCode(), put.stderr());
        assertEquals("accepted", new Etcdctl(inventory.pki()).run(endpoint(1), "get", "/registry/kubeadm-check",
                "--print-value-only").strip());
    }

    private static void logsPrintsAndFollowsEtcdsJournal(Path file, LabInventory inventory) throws Exception {
        Cli.Run last = Cli.run("logs", "-i", file.toString(), "etcd1", "-n", "5");
        assertEquals(Main.OK, last.exitCode(), last.printed());
        List<String> lines = last.out().lines().toList();
        assertEquals(5, lines.size(), last.printed());
        // the unit's journal: etcd's own lines, and systemd's about the unit
        String journalLine = "\\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ (etcd|systemd)\\[\\d+]: .*";
        assertTrue(lines.stream().allMatch(line -> line.matches(journalLine)), last.printed());
        assertTrue(lines.stream().anyMatch(line -> line.contains(" etcd[")), last.printed());

        // follow, as an operator does until Ctrl-C; a compaction makes etcd write new lines
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread follower = new Thread(() -> exitCode.set(Main.run(new PrintWriter(out), new PrintWriter(err), "logs",
                "-i", file.toString(), "etcd1", "-n", "1", "--follow")), "follower");
        follower.start();
        LabNodes.await(Duration.ofSeconds(20), "the last line printed", () -> !out.toString().isEmpty(),
                () -> out + err.toString());
        Etcdctl etcdctl = new Etcdctl(inventory.pki());
        String revision = JSON.readTree(etcdctl.run(endpoint(1), "endpoint", "status", "-w", "json")).get(0)
                .get("Status").get("header").get("revision").asText();
        etcdctl.run(endpoint(1), "compact", revision);
        String compacted = "\"finished scheduled compaction\",\"compact-revision\":" + revision;
        LabNodes.await(Duration.ofSeconds(20), "the compaction followed", () -> out.toString().contains(compacted),
                () -> out + err.toString());
        follower.interrupt();
        follower.join(Duration.ofSeconds(20).toMillis());
        assertFalse(follower.isAlive(), "an interrupt ends following");
        assertEquals(Main.OK, exitCode.get(), err.toString());
        assertEquals(1, out.toString().lines().filter(line -> line.contains("finished scheduled compaction")).count(),
                "each line once: " + out);
    }

    private static void defragShrinksEveryMemberLeaderLastAndDisarmsNoSpace(Path file, LabInventory inventory,
                                                                            String leader) throws Exception {
        try (MembershipClient client = adminClient(inventory)) {
            String value = "x".repeat(VALUE_BYTES);
            List<String> written = new ArrayList<>();
            MembershipException full = assertThrows(MembershipException.class, () -> {
                for (int i = 0; i < 64; i++) {
                    client.put("/big/" + i, value);
                    written.add("/big/" + i);
                }
            });
            assertTrue(full.getMessage().contains("database space exceeded"), full.getMessage());
            // deleting is allowed while the alarm is raised; the space is not given back yet
            written.forEach(client::delete);
        }
        Cli.Run alarmed = Cli.run("status", "-i", file.toString());
        assertEquals(Main.FAILURE, alarmed.exitCode(), alarmed.printed());
        assertTrue(alarmed.out().contains("alarm NOSPACE: the database is full"), alarmed.printed());

        Cli.Run defrag = Cli.run("defrag", "-i", file.toString(), "--output", "json");
        assertEquals(Main.OK, defrag.exitCode(), defrag.printed());
        JsonNode report = JSON.readTree(defrag.out());
        assertNotNull(report.get("compactedAt").numberValue(), report.toString());
        JsonNode members = report.get("members");
        assertEquals(3, members.size(), report.toString());
        for (JsonNode member : members) {
            assertTrue(member.get("dbSizeAfter").asLong() < member.get("dbSizeBefore").asLong() / 4,
                    "the database shrank: " + member);
        }
        assertEquals(leader, members.get(2).get("name").asText(), "the leader went last: " + report);
        assertTrue(members.get(2).get("leader").asBoolean() && !members.get(0).get("leader").asBoolean()
                && !members.get(1).get("leader").asBoolean(), report.toString());
        assertTrue(report.get("disarmedAlarms").size() > 0, report.toString());

        new Etcdctl(inventory.pki()).run(endpoint(1), "put", "/after-defrag", "writes work again");
        Cli.Run healthy = Cli.run("status", "-i", file.toString());
        assertEquals(Main.OK, healthy.exitCode(), healthy.printed());

        Cli.Run text = Cli.run("defrag", "-i", file.toString());
        assertEquals(Main.OK, text.exitCode(), text.printed());
        List<String> order = text.out().lines().filter(line -> line.startsWith("[defrag] etcd"))
                .map(line -> line.substring("[defrag] ".length(), line.indexOf(':'))).toList();
        assertEquals(List.of(members.get(0).get("name").asText(), members.get(1).get("name").asText(), leader), order,
                text.printed());
        assertTrue(text.out().contains("[defrag] " + leader + ": the leader, last: database "), text.printed());

        // nothing written since: the history is compacted at this revision already, and that is no failure
        Cli.Run again = Cli.run("defrag", "-i", file.toString(), "--output", "json");
        assertEquals(Main.OK, again.exitCode(), again.printed());
        JsonNode unchanged = JSON.readTree(again.out());
        assertEquals("ok", unchanged.get("result").asText());
        assertTrue(unchanged.get("compactedAt").isNull(), unchanged.toString());
        assertTrue(unchanged.get("events").toString().contains("is compacted up to revision"), unchanged.toString());
    }

    private static void statusShowsADeadMemberAndANodeThatIsNotAMember(Path file, LabInventory inventory)
            throws Exception {
        leadershipTo(3, file, inventory); // the harder case: the host that dies leads
        lab.host(3).kill();
        awaitSurvivorsHealthy(file);
        Cli.Run down = Cli.run("status", "-i", file.toString());
        assertEquals(Main.FAILURE, down.exitCode(), down.printed());
        String dead = down.out().lines().filter(line -> line.startsWith("etcd3 ")).findFirst().orElseThrow();
        assertTrue(dead.contains(endpoint(3)) && dead.contains("unreachable: "), down.printed());
        assertTrue(down.out().contains("need attention (etcd3)"), down.printed());
        JsonNode json = JSON.readTree(Cli.run("status", "-i", file.toString(), "--output", "json").out());
        assertFalse(json.get("healthy").asBoolean());
        JsonNode row = json.get("members").get(2);
        assertEquals("etcd3", row.get("name").asText());
        assertFalse(row.get("healthy").asBoolean());
        assertTrue(row.get("version").isNull() && row.get("problem").asText().startsWith("unreachable: "),
                row.toString());
        assertTrue(json.get("members").get(0).get("healthy").asBoolean());

        Cli.Run defrag = Cli.run("defrag", "-i", file.toString(), "--output", "json");
        assertEquals(Main.PREFLIGHT, defrag.exitCode(), "defrag needs every member healthy: " + defrag.printed());
        JsonNode refused = JSON.readTree(defrag.out());
        assertEquals("failed", refused.get("result").asText());
        assertEquals(0, refused.get("members").size(), refused.toString());
        assertTrue(refused.get("failure").toString().contains("etcd3"), refused.toString());

        new Etcdctl(inventory.pki()).run(endpoint(1), "member", "remove", row.get("memberId").asText());
        Cli.Run removed = Cli.run("status", "-i", file.toString());
        assertEquals(Main.FAILURE, removed.exitCode(), removed.printed());
        assertTrue(removed.out().lines().anyMatch(line -> line.startsWith("etcd3 ")
                && line.endsWith("not a member of the cluster (apply adds it)")), removed.printed());
    }

    private static void leadershipTo(int host, Path file, LabInventory inventory) throws Exception {
        JsonNode members = JSON.readTree(Cli.run("status", "-i", file.toString(), "--output", "json").out())
                .get("members");
        JsonNode target = members.get(host - 1);
        if (target.get("leader").asBoolean()) {
            return;
        }
        for (JsonNode member : members) {
            if (member.get("leader").asBoolean()) {
                new Etcdctl(inventory.pki()).run(member.get("endpoint").asText(), "move-leader",
                        target.get("memberId").asText());
            }
        }
        JsonNode after = JSON.readTree(Cli.run("status", "-i", file.toString(), "--output", "json").out());
        assertEquals(target.get("name").asText(), after.get("leader").asText(), after.toString());
    }

    /**
     * The killed host led: the other two elect a new leader first, and status shows them unhealthy
     * meanwhile ("leader changed"), as etcd says: polls until both are healthy again.
     */
    private static void awaitSurvivorsHealthy(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode members = JSON.readTree(Cli.run("status", "-i", file.toString(), "--output", "json").out())
                    .get("members");
            if (members.get(0).get("healthy").asBoolean() && members.get(1).get("healthy").asBoolean()) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "etcd1 and etcd2 are not healthy 30 s after etcd3 died: "
                    + members);
            Thread.sleep(200);
        }
    }

    private static MembershipClient adminClient(LabInventory inventory) throws Exception {
        PkiLayout pki = new PkiLayout(inventory.pki());
        String admin = PkiLayout.clientCertName(PkiLayout.ClientCert.ADMIN);
        ClientTls tls = new ClientTls(Files.readAllBytes(pki.caCertificate()),
                Files.readAllBytes(pki.certificate(admin)), Files.readAllBytes(pki.key(admin)));
        return new EtcdMembershipClient(List.of(URI.create(endpoint(1))), tls, Duration.ofSeconds(10));
    }

    private static String endpoint(int host) {
        return "https://" + lab.host(host).address() + ":2379";
    }
}
