package dev.etcdprovision.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule, one row each: the broken inventory, the field path, its line and the message. */
class InventoryValidationTest {
    static final String VALID = """
            cluster:
              name: k8s1
              etcdVersion: 3.5.16
              clientPort: 2379
              peerPort: 2380
              dataDir: /var/lib/etcd
              release:
                url: https://github.com/etcd-io/etcd/releases/download/v{version}/etcd-v{version}-linux-{arch}.tar.gz
            ssh:
              user: root
              port: 22
              identityFile: id_ed25519
            pki:
              keyAlgorithm: ecdsa-p256
              certificateValidityDays: 730
            etcd:
              heartbeatInterval: 100ms
              electionTimeout: 1000ms
              backendQuota: 8GiB
              maxRequestSize: 1536KiB
              snapshotCount: 10000
              autoCompaction:
                mode: periodic
                retention: 1h
              localhostClientListener: false
            nodes:
              - name: k8s1-etcd1
                address: k8s1-etcd1.k8s.lan
              - name: k8s1-etcd2
                address: k8s1-etcd2.k8s.lan
                extraSans: [etcd.k8s.lan]
              - name: k8s1-etcd3
                address: 192.0.2.13
            """;

    @TempDir
    Path folder;

    @BeforeEach
    void identityFile() throws IOException {
        Files.writeString(folder.resolve("id_ed25519"), "not a real key\n");
    }

    /**
     * One rule: {@code edit} breaks the valid inventory; the problem must name {@code path} and the
     * line holding {@code lineMarker} (the first line containing it), and say {@code message}.
     */
    record Rule(String name, UnaryOperator<String> edit, String path, String lineMarker, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Rule rule(String name, String from, String to, String path, String lineMarker, String message) {
        return new Rule(name, text -> {
            assertTrue(text.contains(from), "the valid inventory has " + from);
            return text.replace(from, to);
        }, path, lineMarker, message);
    }

    static Stream<Rule> rules() {
        return Stream.of(
                // shape: unknown, missing, wrongly typed fields
                rule("unknown top-level field", "nodes:\n", "node:\n  - name: x\nnodes:\n",
                        "node", "node:", "unknown field; did you mean 'nodes'?"),
                rule("unknown nested field", "  clientPort: 2379", "  clientport: 2379",
                        "cluster.clientport", "clientport:", "did you mean 'clientPort'?"),
                rule("unknown field in a node", "    address: 192.0.2.13", "    address: 192.0.2.13\n    role: x",
                        "nodes[2].role", "role: x", "unknown field; the fields here are name, address, extraSans"),
                rule("missing cluster", "cluster:\n  name: k8s1\n  etcdVersion: 3.5.16\n  clientPort: 2379\n"
                        + "  peerPort: 2380\n  dataDir: /var/lib/etcd\n  release:\n    url: https://github.com/etcd-io/"
                        + "etcd/releases/download/v{version}/etcd-v{version}-linux-{arch}.tar.gz\n", "",
                        "cluster", "ssh:", "is missing; it is required"),
                rule("missing cluster name", "  name: k8s1\n", "", "cluster.name", "cluster:", "is missing"),
                rule("missing etcd version", "  etcdVersion: 3.5.16\n", "", "cluster.etcdVersion", "cluster:",
                        "is missing"),
                rule("empty node name", "  - name: k8s1-etcd2\n", "  - name:\n", "nodes[1].name",
                        "- name:\n", "is missing"),
                rule("missing node address", "    address: k8s1-etcd2.k8s.lan\n", "", "nodes[1].address",
                        "- name: k8s1-etcd2", "is missing"),
                rule("missing nodes", VALID.substring(VALID.indexOf("nodes:")), "", "nodes", "cluster:",
                        "is missing"),
                rule("empty list item", "  - name: k8s1-etcd2\n    address: k8s1-etcd2.k8s.lan\n"
                        + "    extraSans: [etcd.k8s.lan]\n", "  -\n", "nodes[1]", "  -\n", "is empty"),
                rule("text where a number belongs", "clientPort: 2379", "clientPort: abc", "cluster.clientPort",
                        "clientPort:", "must be a whole number, not 'abc'"),
                rule("list where a value belongs", "name: k8s1\n", "name: [k8s1, k8s2]\n", "cluster.name",
                        "name: [k8s1", "must be a single value, not a list"),
                rule("mapping where a list belongs", "extraSans: [etcd.k8s.lan]", "extraSans: {a: b}",
                        "nodes[1].extraSans", "extraSans:", "must be a list"),
                rule("value where a mapping belongs", "pki:\n  keyAlgorithm: ecdsa-p256\n  certificateValidityDays: 730\n",
                        "pki: yes\n", "pki", "pki: yes", "must be a mapping with the fields dir, keyAlgorithm,"
                                + " certificateValidityDays"),
                rule("text where a boolean belongs", "localhostClientListener: false", "localhostClientListener: maybe",
                        "etcd.localhostClientListener", "localhostClientListener:", "must be true or false"),
                rule("unknown key algorithm", "keyAlgorithm: ecdsa-p256", "keyAlgorithm: dsa-1024",
                        "pki.keyAlgorithm", "keyAlgorithm:", "must be one of ecdsa-p256, rsa-2048, rsa-4096,"
                                + " not 'dsa-1024'"),
                rule("duration without a unit", "heartbeatInterval: 100ms", "heartbeatInterval: 100",
                        "etcd.heartbeatInterval", "heartbeatInterval:", "'100' is not a duration"),
                rule("size with a decimal unit", "backendQuota: 8GiB", "backendQuota: 8GB", "etcd.backendQuota",
                        "backendQuota:", "'8GB' is not a size"),
                rule("unknown compaction mode", "mode: periodic", "mode: hourly", "etcd.autoCompaction.mode",
                        "mode:", "must be one of periodic, revision"),
                // the nodes
                rule("even node count", "  - name: k8s1-etcd3\n    address: 192.0.2.13\n", "", "nodes", "nodes:",
                        "lists 2 nodes; an even count adds no safety: 2 members need 2 for a quorum and survive"
                                + " 0 failures, as 1 do. Use 1 or 3 nodes"),
                rule("no nodes", VALID.substring(VALID.indexOf("nodes:")), "nodes: []\n", "nodes", "nodes:",
                        "lists no node"),
                rule("more than seven nodes", "nodes:\n", "nodes:\n" + extraNodes(6), "nodes", "nodes:",
                        "lists 9 nodes; more than 7 members slow every write down"),
                rule("duplicate node name", "  - name: k8s1-etcd3", "  - name: k8s1-etcd1", "nodes[2].name",
                        "- name: k8s1-etcd1\n    address: 192", "is already the name of nodes[0]"),
                rule("upper-case address", "address: k8s1-etcd2.k8s.lan", "address: K8S1-etcd2.k8s.lan",
                        "nodes[1].address", "address: K8S1", "neither an IP address nor a DNS name"),
                rule("duplicate address", "address: k8s1-etcd2.k8s.lan", "address: k8s1-etcd1.k8s.lan",
                        "nodes[1].address", "k8s1-etcd1.k8s.lan\n    extraSans", "is already the address of nodes[0]"),
                new Rule("duplicate IPv6 address written another way", text -> text
                        .replace("address: k8s1-etcd2.k8s.lan", "address: 2001:db8::1")
                        .replace("address: 192.0.2.13", "address: 2001:0db8:0:0::1"),
                        "nodes[2].address", "2001:0db8", "'2001:0db8:0:0::1' is already the address of nodes[1]"),
                rule("malformed node name", "- name: k8s1-etcd2", "- name: k8s1_etcd2", "nodes[1].name",
                        "k8s1_etcd2", "'k8s1_etcd2' is not a valid node name"),
                rule("malformed address", "address: 192.0.2.13", "address: 192.0.2.300", "nodes[2].address",
                        "192.0.2.300", "is neither an IP address nor a DNS name"),
                rule("malformed extra SAN", "extraSans: [etcd.k8s.lan]", "extraSans: [etcd.k8s.lan, -bad-]",
                        "nodes[1].extraSans[1]", "extraSans:", "'-bad-' is neither an IP address nor a DNS name"),
                // the cluster
                rule("malformed cluster name", "name: k8s1\n", "name: K8s One\n", "cluster.name", "K8s One",
                        "is not a valid cluster name"),
                rule("client port out of range", "clientPort: 2379", "clientPort: 70000", "cluster.clientPort",
                        "clientPort:", "70000 is not a TCP port"),
                rule("client port equal to peer port", "peerPort: 2380", "peerPort: 2379", "cluster.peerPort",
                        "peerPort:", "equals clientPort (2379)"),
                rule("malformed version", "etcdVersion: 3.5.16", "etcdVersion: v3.5.16", "cluster.etcdVersion",
                        "etcdVersion:", "'v3.5.16' is not an etcd version"),
                rule("unsupported version", "etcdVersion: 3.5.16", "etcdVersion: 3.6.0", "cluster.etcdVersion",
                        "etcdVersion:", "etcd 3.6.0 is not supported; etcd-provision configures etcd 3.4 and 3.5"),
                rule("relative data dir", "dataDir: /var/lib/etcd", "dataDir: var/lib/etcd", "cluster.dataDir",
                        "dataDir:", "'var/lib/etcd' is not an absolute path"),
                rule("data dir with ..", "dataDir: /var/lib/etcd", "dataDir: /var/lib/../etcd", "cluster.dataDir",
                        "dataDir:", "no '..'"),
                rule("release URL without version", "download/v{version}/etcd-v{version}-linux-{arch}.tar.gz",
                        "download/etcd.tar.gz", "cluster.release.url", "url:", "must contain {version}"),
                rule("release URL of another scheme", "url: https://github.com", "url: ftp://github.com",
                        "cluster.release.url", "url:", "is not a download URL"),
                rule("malformed checksum URL", "linux-{arch}.tar.gz\n", "linux-{arch}.tar.gz\n    sha256sums: SUMS\n",
                        "cluster.release.sha256sums", "sha256sums:", "'SUMS' is not a download URL"),
                // ssh, pki, tunables
                rule("missing identity file", "identityFile: id_ed25519", "identityFile: keys/nope",
                        "ssh.identityFile", "identityFile:", "keys/nope does not exist; create the key"),
                rule("malformed ssh user", "user: root", "user: Root Admin", "ssh.user", "user:",
                        "'Root Admin' is not a user name"),
                rule("ssh port zero", "port: 22", "port: 0", "ssh.port", "port: 0", "0 is not a TCP port"),
                rule("certificate validity zero", "certificateValidityDays: 730", "certificateValidityDays: 0",
                        "pki.certificateValidityDays", "certificateValidityDays:", "0 is out of range"),
                rule("certificate validity beyond the CA", "certificateValidityDays: 730",
                        "certificateValidityDays: 4000", "pki.certificateValidityDays", "certificateValidityDays:",
                        "1 to 3650 days"),
                rule("election timeout under five heartbeats", "electionTimeout: 1000ms", "electionTimeout: 400ms",
                        "etcd.electionTimeout", "electionTimeout:", "400ms is too short for a heartbeat of 100ms"),
                rule("election timeout above etcd's limit", "electionTimeout: 1000ms", "electionTimeout: 1m",
                        "etcd.electionTimeout", "electionTimeout:", "1m is longer than etcd allows (50s)"),
                rule("zero backend quota", "backendQuota: 8GiB", "backendQuota: 0", "etcd.backendQuota",
                        "backendQuota:", "must be more than 0"),
                rule("request size above the quota", "maxRequestSize: 1536KiB", "maxRequestSize: 16GiB",
                        "etcd.maxRequestSize", "maxRequestSize:", "at most backendQuota"),
                rule("zero snapshot count", "snapshotCount: 10000", "snapshotCount: 0", "etcd.snapshotCount",
                        "snapshotCount:", "must be at least 1"),
                rule("duration retention with revision mode", "mode: periodic", "mode: revision",
                        "etcd.autoCompaction.retention", "retention:", "'1h' does not fit mode revision"),
                rule("malformed periodic retention", "retention: 1h", "retention: 1 day",
                        "etcd.autoCompaction.retention", "retention:", "'1 day' does not fit mode periodic"),
                rule("malformed metrics URL", "localhostClientListener: false",
                        "localhostClientListener: false\n  metricsUrl: http://{address}/metrics", "etcd.metricsUrl",
                        "metricsUrl:", "is not a listener URL"),
                rule("metrics on the client port", "localhostClientListener: false",
                        "localhostClientListener: false\n  metricsUrl: https://{address}:2379", "etcd.metricsUrl",
                        "metricsUrl:", "port 2379 is already the client or peer port"));
    }

    private static String extraNodes(int count) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            nodes.append("  - name: extra").append(i).append("\n    address: extra").append(i).append(".k8s.lan\n");
        }
        return nodes.toString();
    }

    @Test
    void theValidInventoryLoads() throws InvalidInventoryException {
        Inventory inventory = load(VALID);
        assertEquals(List.of("k8s1-etcd1", "k8s1-etcd2", "k8s1-etcd3"), inventory.nodeNames());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleNamesTheFieldAndItsLine(Rule rule) {
        String text = rule.edit().apply(VALID);
        InvalidInventoryException invalid = assertThrows(InvalidInventoryException.class, () -> load(text));
        List<Problem> problems = invalid.problems();
        assertEquals(1, problems.size(), () -> "exactly one problem: " + invalid.getMessage());
        Problem problem = problems.get(0);
        assertEquals(rule.path(), problem.path(), invalid.getMessage());
        assertEquals(lineOf(text, rule.lineMarker()), problem.line(), invalid.getMessage());
        assertTrue(problem.message().contains(rule.message()), problem.message());
        String described = problem.describe(Path.of("inventory.yaml"));
        assertTrue(described.startsWith("inventory.yaml:" + problem.line() + ": " + (rule.path().isEmpty() ? ""
                : rule.path() + ": ")), described);
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        String text = VALID.replace("clientPort: 2379", "clientPort: abc")
                .replace("keyAlgorithm: ecdsa-p256", "keyAlgorithm: dsa")
                .replace("- name: k8s1-etcd2", "- name: k8s1-etcd1")
                .replace("etcdVersion: 3.5.16", "etcdVersion: 3.6.0")
                .replace("  - name: k8s1-etcd3\n    address: 192.0.2.13\n", "");
        InvalidInventoryException invalid = assertThrows(InvalidInventoryException.class, () -> load(text));
        assertEquals(List.of("cluster.etcdVersion", "cluster.clientPort", "pki.keyAlgorithm", "nodes",
                "nodes[1].name"), invalid.problems().stream().map(Problem::path).toList(), invalid.getMessage());
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        String text = VALID.replace("  peerPort: 2380\n", "  peerPort: [2380\n");
        InvalidInventoryException invalid = assertThrows(InvalidInventoryException.class, () -> load(text));
        Problem problem = invalid.problems().get(0);
        assertTrue(problem.message().startsWith("is not valid YAML"), problem.message());
        assertTrue(problem.line() >= lineOf(text, "peerPort: ["), invalid.getMessage());
    }

    @Test
    void aRepeatedKeyIsAnError() {
        String text = VALID.replace("  peerPort: 2380\n", "  peerPort: 2380\n  peerPort: 2381\n");
        InvalidInventoryException invalid = assertThrows(InvalidInventoryException.class, () -> load(text));
        Problem problem = invalid.problems().get(0);
        assertTrue(problem.message().contains("Duplicate field 'peerPort'"), problem.message());
        assertEquals(lineOf(text, "peerPort: 2381"), problem.line());
    }

    @Test
    void anEmptyFileSaysWhereToStart() {
        InvalidInventoryException invalid = assertThrows(InvalidInventoryException.class, () -> load("# nothing\n"));
        assertTrue(invalid.getMessage().contains("is empty; start from inventory.example.yaml"), invalid.getMessage());
    }

    private Inventory load(String text) throws InvalidInventoryException {
        return new InventoryLoader(folder.resolve("home")).parse(text, Path.of("inventory.yaml"), folder);
    }

    static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        assertTrue(at >= 0, "the text has " + marker);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
