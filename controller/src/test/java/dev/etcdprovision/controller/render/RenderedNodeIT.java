package dev.etcdprovision.controller.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.lab.EtcdBinaries;
import dev.etcdprovision.controller.lab.LabNodes;
import dev.etcdprovision.controller.lab.LocalProcess;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rendered files and the generated certificates, proven with real etcd under real systemd:
 * hosts 1 to 3 form a three-member etcd 3.5 cluster, host 4 runs a single etcd 3.4 member. Each
 * node gets exactly what the renderer and the PKI produce, installed by hand as a runbook would.
 */
class RenderedNodeIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(4);

    private static final Duration START = Duration.ofSeconds(90);
    private static Inventory cluster35;
    private static Inventory single34;
    private static PkiLayout pki;
    private static PkiLayout otherPki;

    @BeforeAll
    static void installAndStartEveryMember() throws Exception {
        List<LabHost> hosts = lab.hosts();
        cluster35 = inventory("lab35", EtcdReleases.V3_5, hosts.subList(0, 3), "pki");
        single34 = inventory("lab34", EtcdReleases.V3_4, hosts.subList(3, 4), "pki34");
        PkiGenerator generator = new PkiGenerator();
        generator.generate(cluster35, Instant.now());
        generator.generate(single34, Instant.now());
        pki = new PkiLayout(cluster35.pki().dir());
        // a second cluster's PKI: its certificates must get nowhere with the first cluster
        Inventory other = inventory("other", EtcdReleases.V3_5, hosts.subList(0, 3), "other-pki");
        generator.generate(other, Instant.now());
        otherPki = new PkiLayout(other.pki().dir());

        install(cluster35, hosts.subList(0, 3));
        install(single34, hosts.subList(3, 4));
        // Type=notify: a member of a forming cluster reports ready only once a quorum is up,
        // so all three start together
        for (LabHost host : lab.hosts()) {
            host.shOk("systemctl daemon-reload && systemctl start --no-block " + NodeLayout.UNIT_NAME);
        }
        for (LabHost host : lab.hosts()) {
            LabNodes.await(START, NodeLayout.UNIT_NAME + " active on " + host,
                    () -> host.sh("systemctl is-active --quiet " + NodeLayout.UNIT_NAME).exitCode() == 0,
                    () -> host.sh("systemctl status --no-pager " + NodeLayout.UNIT_NAME + "; journalctl --no-pager -n 30 -u "
                            + NodeLayout.UNIT_NAME).stdout());
        }
    }

    @Test
    void systemdRunsEachMemberAsTheEtcdUserAndItIsHealthy() {
        for (LabHost host : lab.hosts()) {
            String version = host.index() <= 3 ? EtcdReleases.V3_5 : EtcdReleases.V3_4;
            assertEquals("etcd", host.shOk("ps -o user= -C etcd").strip(), host + " runs etcd unprivileged");
            LabHost.ExecResult health = host.sh("set -a; . " + NodeLayout.ETCDCTL_ENV + "; set +a; "
                    + NodeLayout.etcdctl(version) + " endpoint health");
            assertEquals(0, health.exitCode(), host + ": " + health.stderr());
            // etcdctl 3.4 prints the result on stderr, 3.5 on stdout
            assertTrue((health.stdout() + health.stderr()).contains("https://" + host.address() + ":2379 is healthy"),
                    host + " answers with the node-local health check certificate: " + health.stdout()
                            + health.stderr());
        }
        String members = lab.host(2).shOk("set -a; . " + NodeLayout.ETCDCTL_ENV + "; set +a; "
                + NodeLayout.etcdctl(EtcdReleases.V3_5) + " member list");
        for (LabHost host : lab.hosts().subList(0, 3)) {
            assertTrue(members.contains(", node" + host.index() + ", https://" + host.address() + ":2380, https://"
                    + host.address() + ":2379"), "the members formed one cluster over their peer certificates: "
                    + members);
        }
    }

    @Test
    void etcdLogsNoUnrecognizedVariableInEitherVersion() {
        for (LabHost host : List.of(lab.host(1), lab.host(4))) {
            String journal = host.shOk("journalctl --no-pager -o cat -u " + NodeLayout.UNIT_NAME);
            assertTrue(journal.contains("serving client traffic securely"), "the journal holds etcd's log: " + journal);
            assertFalse(journal.toLowerCase(Locale.ROOT).contains("unrecognized"), host + ": " + journal);
            assertFalse(journal.contains("shadowed by"), host + ": " + journal);
        }
    }

    @Test
    void everyVariableOfEachVersionIsAFlagOfThatVersion() {
        Set<String> flags34 = flags(EtcdReleases.V3_4);
        Set<String> flags35 = flags(EtcdReleases.V3_5);
        Set<String> rendered34 = renderedVariables(single34, 0);
        Set<String> rendered35 = renderedVariables(cluster35, 0);
        assertEquals(Set.of(), difference(rendered34, flags34), "3.4.23 would warn about these");
        assertEquals(Set.of(), difference(rendered35, flags35), "3.5.16 would warn about these");
        // the check tells versions apart: the 3.5 file has what 3.4 does not know
        assertEquals(Set.of("ETCD_EXPERIMENTAL_COMPACT_HASH_CHECK_ENABLED"), difference(rendered35, flags34));
    }

    @Test
    void metricsAndHealthAreServedWhereTheInventorySays() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (LabHost host : List.of(lab.host(1), lab.host(4))) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + host.address() + ":2381/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), host.toString());
            assertTrue(metrics.body().contains("etcd_server_has_leader 1"), host + ": " + metrics.body());
        }
    }

    @Test
    void theRenderedUnitPassesSystemdAnalyzeVerify() {
        for (LabHost host : List.of(lab.host(1), lab.host(4))) {
            LabHost.ExecResult verify = host.sh("systemd-analyze verify " + NodeLayout.UNIT_FILE);
            assertEquals(0, verify.exitCode(), host + ": " + verify.stdout() + verify.stderr());
            assertFalse((verify.stdout() + verify.stderr()).contains(NodeLayout.UNIT_NAME), host + ": "
                    + verify.stdout() + verify.stderr());
        }
    }

    @Test
    void theRenderedUnitIsExposedNoMoreThan2Point5() {
        String security = lab.host(1).shOk("systemd-analyze security --offline=true --no-pager "
                + NodeLayout.UNIT_FILE + " 2>&1");
        Matcher overall = Pattern.compile("Overall exposure level for etcd3.service: (\\d+\\.\\d+)").matcher(security);
        assertTrue(overall.find(), security);
        double exposure = Double.parseDouble(overall.group(1));
        assertTrue(exposure <= 2.5, "exposure " + exposure + ":\n" + security);
    }

    @Test
    void anAdminOnTheControllerWritesAndReadsWithTheAdminCertificate() {
        String node1 = "https://" + lab.host(1).address() + ":2379";
        String node3 = "https://" + lab.host(3).address() + ":2379";
        LocalProcess.Result put = etcdctl(pki, pki, "admin", node1, "put", "/proof/written-on-node1", "hello");
        assertEquals(0, put.exitCode(), put.stderr());
        assertEquals("OK", put.stdout().strip());
        LocalProcess.Result get = etcdctl(pki, pki, "admin", node3, "get", "--print-value-only",
                "/proof/written-on-node1");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals("hello", get.stdout().strip(), "replicated to another member");

        PkiLayout pki34 = new PkiLayout(single34.pki().dir());
        String node4 = "https://" + lab.host(4).address() + ":2379";
        assertEquals(0, etcdctl(pki34, pki34, "kube-apiserver-etcd-client", node4, "put", "k", "v").exitCode());
        assertEquals("v", etcdctl(pki34, pki34, "admin", node4, "get", "--print-value-only", "k").stdout().strip());
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        LabHost host = lab.host(2);
        String node2 = "https://" + host.address() + ":2379";
        int refusedBefore = journalCount(host, "certificate signed by unknown authority");
        LocalProcess.Result foreignClient = etcdctl(pki, otherPki, "admin", node2, "put", "/proof/intruder", "x");
        assertNotEquals(0, foreignClient.exitCode(), "a client certificate of another CA gets no access");
        // TLS 1.3 reports a refused client certificate after the handshake, so the client's own error
        // varies (unknown authority, broken pipe); the member's log says why it refused
        LabNodes.await(Duration.ofSeconds(20), "the member logs why it refused the client",
                () -> journalCount(host, "certificate signed by unknown authority") > refusedBefore,
                () -> foreignClient.stderr());

        LocalProcess.Result foreignServer = etcdctl(otherPki, pki, "admin", node2, "get", "/proof/written-on-node1");
        assertNotEquals(0, foreignServer.exitCode(), "the client does not trust a server of another CA either");
        assertTrue(foreignServer.stderr().contains("x509: certificate signed by unknown authority"),
                foreignServer.stderr());

        int missingBefore = journalCount(host, "didn't provide a certificate");
        LocalProcess.Result noCertificate = LocalProcess.run(Duration.ofSeconds(30), List.of(
                EtcdBinaries.etcdctl(EtcdReleases.V3_5).toString(), "--endpoints=" + node2, "--dial-timeout=3s",
                "--command-timeout=5s", "--cacert=" + pki.caCertificate(), "get", "/proof/written-on-node1"));
        assertNotEquals(0, noCertificate.exitCode(), "client-cert-auth is on: no certificate, no access");
        LabNodes.await(Duration.ofSeconds(20), "the member logs a client without a certificate",
                () -> journalCount(host, "didn't provide a certificate") > missingBefore,
                () -> noCertificate.stderr());

        assertEquals("", etcdctl(pki, pki, "admin", node2, "get", "/proof/intruder").stdout().strip(),
                "and the intruder wrote nothing");
    }

    private static int journalCount(LabHost host, String text) {
        return (int) host.shOk("journalctl --no-pager -o cat -u " + NodeLayout.UNIT_NAME).lines()
                .filter(line -> line.contains(text)).count();
    }

    @Test
    void keysOnTheNodeAreReadableOnlyByTheirUser() {
        assertEquals("""
                644 root:root /etc/etcd/pki/ca.crt
                600 root:root /etc/etcd/pki/healthcheck-client.key
                600 etcd:etcd /etc/etcd/pki/peer.key
                600 etcd:etcd /etc/etcd/pki/server.key
                640 root:etcd /etc/etcd/etcd.conf
                700 etcd:etcd /var/lib/etcd
                """, lab.host(1).shOk("stat -c '%a %U:%G %n' /etc/etcd/pki/ca.crt /etc/etcd/pki/*.key"
                + " /etc/etcd/etcd.conf /var/lib/etcd"));
    }

    /** An inventory for some lab hosts, loaded the way a user's file is. */
    private static Inventory inventory(String name, String version, List<LabHost> hosts, String pkiDir) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                cluster: {name: %s, etcdVersion: %s}
                ssh: {identityFile: %s, knownHosts: %s}
                pki: {dir: %s}
                etcd: {metricsUrl: "http://{address}:2381"}
                nodes:
                """.formatted(name, version, lab.privateKey(), lab.knownHosts(), pkiDir));
        for (LabHost host : hosts) {
            yaml.append("  - {name: ").append(host.name()).append(", address: ").append(host.address()).append("}\n");
        }
        Path file = Files.writeString(lab.workDir().resolve(name + ".yaml"), yaml);
        return new InventoryLoader().load(file);
    }

    /** What etcd-provision will do on each host: user, binaries, certificates, rendered files. */
    private static void install(Inventory inventory, List<LabHost> hosts) throws Exception {
        PkiLayout layout = new PkiLayout(inventory.pki().dir());
        String token = ClusterView.defaultToken(inventory.cluster().name(), caCertificate(layout));
        ClusterView forming = ClusterView.forming(inventory, token);
        Renderer renderer = new Renderer();
        for (int i = 0; i < hosts.size(); i++) {
            LabHost host = hosts.get(i);
            NodeSpec node = inventory.nodes().get(i);
            LabNodes.prepare(host, inventory.cluster().etcdVersion(), inventory.cluster().dataDir());
            List<RemoteFile> files = new ArrayList<>(NodeCertificates.files(layout, node.name()));
            files.addAll(renderer.render(NodeModel.of(inventory, node, forming)).all());
            files.forEach(file -> LabNodes.install(host, file));
        }
    }

    private static X509Certificate caCertificate(PkiLayout layout) throws Exception {
        try (var in = Files.newInputStream(layout.caCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** etcdctl on this machine, trusting {@code trusted}'s CA, with a client certificate from {@code client}. */
    private static LocalProcess.Result etcdctl(PkiLayout trusted, PkiLayout client, String clientName, String endpoint,
            String... command) {
        List<String> line = new ArrayList<>(List.of(EtcdBinaries.etcdctl(EtcdReleases.V3_5).toString(),
                "--endpoints=" + endpoint, "--dial-timeout=3s", "--command-timeout=5s",
                "--cacert=" + trusted.caCertificate(),
                "--cert=" + client.certificate("clients/" + clientName),
                "--key=" + client.key("clients/" + clientName)));
        line.addAll(List.of(command));
        return LocalProcess.run(Duration.ofSeconds(30), line);
    }

    /** The flags an etcd binary knows, as the environment variables it reads for them. */
    private static Set<String> flags(String version) {
        LocalProcess.Result help = LocalProcess.run(Duration.ofSeconds(30),
                List.of(EtcdBinaries.etcd(version).toString(), "--help"));
        Matcher flag = Pattern.compile("(?m)^\\s+--([a-z0-9-]+)").matcher(help.stdout() + help.stderr());
        Set<String> variables = new TreeSet<>();
        while (flag.find()) {
            variables.add("ETCD_" + flag.group(1).replace('-', '_').toUpperCase(Locale.ROOT));
        }
        assertTrue(variables.size() > 50, "etcd " + version + " --help lists its flags: " + help.stdout());
        return variables;
    }

    private static Set<String> renderedVariables(Inventory inventory, int node) {
        return new Renderer().render(NodeModel.of(inventory, inventory.nodes().get(node),
                ClusterView.forming(inventory, "token"))).etcdConfVariables().variables().keySet();
    }

    private static Set<String> difference(Set<String> these, Set<String> known) {
        return these.stream().filter(name -> !known.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }
}
