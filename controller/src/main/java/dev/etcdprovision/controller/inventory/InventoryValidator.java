package dev.etcdprovision.controller.inventory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an inventory must follow beyond its shape. Fields that failed the shape check are
 * null here (required) or hold their default, so each problem is reported once.
 */
final class InventoryValidator {
    /** Versions whose configuration this tool renders and has tested. */
    static final Set<String> SUPPORTED_SERIES = Set.of("3.4", "3.5");
    private static final Set<Integer> MEMBER_COUNTS = Set.of(1, 3, 5, 7);
    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DATA_DIR = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d{1,6}h)?(\\d{1,6}m)?(\\d{1,9}s)?");
    /** etcd refuses an election timeout above 50 s. */
    private static final Duration MAX_ELECTION_TIMEOUT = Duration.ofSeconds(50);

    private final Problems problems;

    InventoryValidator(Problems problems) {
        this.problems = problems;
    }

    void validate(Inventory inventory) {
        // a missing cluster section is reported already; its defaults still let the other rules run
        ClusterSpec cluster = inventory.cluster() != null ? inventory.cluster()
                : new ClusterSpec(null, null, null, null, null, null);
        cluster(cluster);
        ssh(inventory.ssh());
        pki(inventory.pki());
        etcd(inventory.etcd(), cluster);
        nodes(inventory.nodes());
    }

    private void cluster(ClusterSpec cluster) {
        if (cluster.name() != null && !CLUSTER_NAME.matcher(cluster.name()).matches()) {
            problems.add("cluster.name", "'" + cluster.name() + "' is not a valid cluster name; use lower-case"
                    + " letters, digits and '-' (up to 63, e.g. k8s1)");
        }
        if (cluster.etcdVersion() != null) {
            etcdVersion(cluster.etcdVersion());
        }
        release(cluster.release());
        port("cluster.clientPort", cluster.clientPort());
        port("cluster.peerPort", cluster.peerPort());
        if (cluster.clientPort().equals(cluster.peerPort())) {
            problems.add("cluster.peerPort", "equals clientPort (" + cluster.clientPort() + "); etcd needs"
                    + " one port for clients and another for peers (the usual ones are 2379 and 2380)");
        }
        if (!DATA_DIR.matcher(cluster.dataDir()).matches() || Path.of(cluster.dataDir()).normalize().toString()
                .length() != cluster.dataDir().length()) {
            problems.add("cluster.dataDir", "'" + cluster.dataDir() + "' is not an absolute path; write it from"
                    + " the root, with letters, digits, '.', '_', '-' and '/', no '..' (e.g. /var/lib/etcd)");
        }
    }

    private void etcdVersion(String text) {
        try {
            EtcdVersion version = EtcdVersion.parse(text);
            if (!SUPPORTED_SERIES.contains(version.series())) {
                problems.add("cluster.etcdVersion", "etcd " + version + " is not supported; etcd-provision"
                        + " configures etcd " + String.join(" and ", SUPPORTED_SERIES.stream().sorted().toList())
                        + " (any patch release)");
            }
        } catch (IllegalArgumentException e) {
            problems.add("cluster.etcdVersion", e.getMessage());
        }
    }

    private void release(ReleaseSpec release) {
        if (!release.url().contains("{version}")) {
            problems.add("cluster.release.url", "must contain {version}, so that a new etcdVersion downloads a"
                    + " new release; e.g. " + ReleaseSpec.DEFAULT_URL);
        }
        // the checksum URL defaults to one next to the archive: blame only the URL that is wrong
        if (url("cluster.release.url", release.archiveUrl("0.0.0", "amd64"))) {
            url("cluster.release.sha256sums", release.sha256sumsUrl("0.0.0", "amd64"));
        }
    }

    /** Whether the text is a URL to download from; if not, says so. */
    private boolean url(String path, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            boolean ok = switch (scheme) {
                case "https", "http" -> uri.getHost() != null && uri.getPath() != null && !uri.getPath().isEmpty();
                case "file" -> uri.getPath() != null && uri.getPath().startsWith("/");
                default -> false;
            };
            if (!ok) {
                problems.add(path, "'" + text + "' is not a download URL; use https://, http:// or file:///");
            }
            return ok;
        } catch (URISyntaxException e) {
            problems.add(path, "'" + text + "' is not a URL: " + e.getReason());
            return false;
        }
    }

    private void ssh(SshSpec ssh) {
        if (!SSH_USER.matcher(ssh.user()).matches()) {
            problems.add("ssh.user", "'" + ssh.user() + "' is not a user name");
        }
        port("ssh.port", ssh.port());
        if (!Files.isRegularFile(ssh.identityFile())) {
            problems.add("ssh.identityFile", ssh.identityFile() + " does not exist; create the key (ssh-keygen -t"
                    + " ed25519) or point ssh.identityFile at the private key that opens the nodes");
        }
    }

    private void pki(PkiSpec pki) {
        int days = pki.certificateValidityDays();
        if (days < 1 || days > PkiSpec.MAX_VALIDITY_DAYS) {
            problems.add("pki.certificateValidityDays", days + " is out of range; certificates are valid for 1 to "
                    + PkiSpec.MAX_VALIDITY_DAYS + " days (the CA's ten years); the default is "
                    + PkiSpec.DEFAULT_VALIDITY_DAYS);
        }
    }

    private void etcd(EtcdSettings etcd, ClusterSpec cluster) {
        Duration heartbeat = etcd.heartbeatInterval();
        Duration election = etcd.electionTimeout();
        if (heartbeat.toMillis() < 1) {
            problems.add("etcd.heartbeatInterval", "must be at least 1ms");
        } else if (election.compareTo(heartbeat.multipliedBy(5)) < 0) {
            problems.add("etcd.electionTimeout", Durations.format(election) + " is too short for a heartbeat of "
                    + Durations.format(heartbeat) + "; etcd needs at least 5 heartbeats (10 is usual)");
        }
        if (election.compareTo(MAX_ELECTION_TIMEOUT) > 0) {
            problems.add("etcd.electionTimeout", Durations.format(election) + " is longer than etcd allows ("
                    + Durations.format(MAX_ELECTION_TIMEOUT) + ")");
        }
        if (etcd.backendQuota().bytes() == 0) {
            problems.add("etcd.backendQuota", "must be more than 0 (the default is "
                    + EtcdSettings.DEFAULT_BACKEND_QUOTA + ")");
        } else if (etcd.maxRequestSize().bytes() == 0
                || etcd.maxRequestSize().bytes() > etcd.backendQuota().bytes()) {
            problems.add("etcd.maxRequestSize", "must be more than 0 and at most backendQuota (the default is "
                    + EtcdSettings.DEFAULT_MAX_REQUEST_SIZE + ")");
        }
        if (etcd.snapshotCount() < 1) {
            problems.add("etcd.snapshotCount", "must be at least 1 (the default is "
                    + EtcdSettings.DEFAULT_SNAPSHOT_COUNT + ")");
        }
        compaction(etcd.autoCompaction());
        etcd.metricsUrlTemplate().ifPresent(url -> metricsUrl(url, cluster));
    }

    private void compaction(AutoCompaction compaction) {
        String retention = compaction.retention();
        boolean ok = switch (compaction.mode()) {
            case PERIODIC -> WHOLE_NUMBER.matcher(retention).matches()
                    || (!retention.isEmpty() && GO_DURATION.matcher(retention).matches());
            case REVISION -> WHOLE_NUMBER.matcher(retention).matches();
        };
        if (!ok) {
            problems.add("etcd.autoCompaction.retention", "'" + retention + "' does not fit mode "
                    + compaction.mode() + "; periodic takes a duration (1h, 30m) or a number of hours,"
                    + " revision a number of revisions; 0 turns compaction off");
        }
    }

    private void metricsUrl(String template, ClusterSpec cluster) {
        String path = "etcd.metricsUrl";
        try {
            URI uri = new URI(template.replace(EtcdSettings.ADDRESS_PLACEHOLDER, "node.invalid"));
            boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getPort() > 0
                    && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null;
            if (!ok) {
                problems.add(path, "'" + template + "' is not a listener URL; write scheme, host and port, e.g."
                        + " http://{address}:2381 ({address} stands for each node's address)");
            } else if (template.contains(EtcdSettings.ADDRESS_PLACEHOLDER)
                    && (uri.getPort() == cluster.clientPort() || uri.getPort() == cluster.peerPort())) {
                problems.add(path, "port " + uri.getPort() + " is already the client or peer port; pick another,"
                        + " e.g. 2381");
            }
        } catch (URISyntaxException e) {
            problems.add(path, "'" + template + "' is not a URL: " + e.getReason());
        }
    }

    private void nodes(List<NodeSpec> nodes) {
        memberCount(nodes.size());
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec node = nodes.get(i);
            if (node == null) {
                continue;
            }
            String at = "nodes[" + i + "]";
            if (node.name() != null) {
                if (!Hostnames.isDnsName(node.name())) {
                    problems.add(at + ".name", "'" + node.name() + "' is not a valid node name; use a DNS name:"
                            + " lower-case letters, digits, '-' and '.' (e.g. k8s1-etcd1)");
                }
                Integer first = names.putIfAbsent(node.name(), i);
                if (first != null) {
                    problems.add(at + ".name", "'" + node.name() + "' is already the name of nodes[" + first
                            + "]; every node needs its own name");
                }
            }
            if (node.address() != null) {
                if (!Hostnames.isIpAddress(node.address()) && !Hostnames.isDnsName(node.address())) {
                    problems.add(at + ".address", "'" + node.address() + "' is neither an IP address nor a DNS"
                            + " name (lower-case letters, digits, '-' and '.')");
                } else {
                    Integer first = addresses.putIfAbsent(Hostnames.canonical(node.address()), i);
                    if (first != null) {
                        problems.add(at + ".address", "'" + node.address() + "' is already the address of nodes["
                                + first + "]; every member needs its own host");
                    }
                }
            }
            for (int j = 0; j < node.extraSans().size(); j++) {
                String san = node.extraSans().get(j);
                if (san != null && !Hostnames.isIpAddress(san) && !Hostnames.isDnsName(san)) {
                    problems.add(at + ".extraSans[" + j + "]", "'" + san + "' is neither an IP address nor a DNS"
                            + " name");
                }
            }
        }
    }

    private void memberCount(int count) {
        if (count == 0) {
            problems.add("nodes", "lists no node; an etcd cluster has 1, 3, 5 or 7 members");
        } else if (count % 2 == 0 && count < 8) {
            int tolerated = (count - 1) / 2;
            problems.add("nodes", "lists " + count + " nodes; an even count adds no safety: " + count
                    + " members need " + (count / 2 + 1) + " for a quorum and survive " + tolerated + " failure"
                    + (tolerated == 1 ? "" : "s") + ", as " + (count - 1) + " do. Use " + (count - 1) + " or "
                    + (count + 1) + " nodes");
        } else if (!MEMBER_COUNTS.contains(count)) {
            problems.add("nodes", "lists " + count + " nodes; more than 7 members slow every write down and"
                    + " etcd advises against it. Use 1, 3, 5 or 7");
        }
    }

    private void port(String path, int port) {
        if (port < 1 || port > 65535) {
            problems.add(path, port + " is not a TCP port (1 to 65535)");
        }
    }
}
