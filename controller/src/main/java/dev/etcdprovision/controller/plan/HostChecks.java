package dev.etcdprovision.controller.plan;

import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.ListeningSocket;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.controller.inventory.Hostnames;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.observe.NodeObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * Whether a host can run a member, from its facts: reachable with sudo, systemd, an architecture
 * etcd has a release for, the client and peer ports free (or held by etcd), a clock close to this
 * machine's. Pure; each problem is one refusal, a clock off is a warning.
 */
public final class HostChecks {
    /** A clock further off than this gets a warning: certificates and leases rely on time. */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(1);

    private HostChecks() {}

    /** The problems and warnings of one host. */
    public record Findings(List<Plan.Refusal> refusals, List<Plan.Warning> warnings) {}

    public static Findings check(NodeObservation node, Inventory inventory, Map<String, Release> releases) {
        List<Plan.Refusal> refusals = new ArrayList<>();
        List<Plan.Warning> warnings = new ArrayList<>();
        if (!node.reachable()) {
            var problem = node.problem().orElseThrow();
            refusals.add(new Plan.Refusal(node.name(), problem.getMessage(), problem.hint().orElse("check that"
                    + " the host is up and reachable over SSH, then run the command again")));
            return new Findings(refusals, warnings);
        }
        HostFacts facts = node.requireFacts();
        if (!facts.systemdRunning()) {
            refusals.add(new Plan.Refusal(node.name(), "systemd is not the init system", "etcd-provision runs etcd"
                    + " as a systemd service; use a host that boots with systemd"));
        }
        if (facts.etcdArch().isEmpty()) {
            refusals.add(new Plan.Refusal(node.name(), "the architecture " + facts.machine() + " has no etcd release",
                    "etcd publishes linux-amd64 and linux-arm64 binaries; use such a host"));
        } else if (!releases.containsKey(facts.etcdArch().get())) {
            refusals.add(new Plan.Refusal(node.name(), "no release of etcd " + inventory.cluster().etcdVersion()
                    + " for " + facts.etcdArch().get() + " was fetched", "check cluster.release in the inventory"));
        }
        for (int port : List.of(inventory.cluster().clientPort(), inventory.cluster().peerPort())) {
            portTaken(node, facts, port).ifPresent(refusals::add);
        }
        Duration offset = facts.clockOffset().abs();
        if (offset.compareTo(CLOCK_TOLERANCE) > 0) {
            warnings.add(new Plan.Warning(node.name(), "its clock is "
                    + String.format(Locale.ROOT, "%.1f", offset.toMillis() / 1000.0) + " s "
                    + (facts.clockOffset().isNegative() ? "behind" : "ahead of") + " this machine's;"
                    + " run NTP (systemd-timesyncd or chrony) on every node"));
        }
        return new Findings(refusals, warnings);
    }

    /** A refusal when the port on the node's address is held by a process other than etcd. */
    private static Optional<Plan.Refusal> portTaken(NodeObservation node, HostFacts facts, int port) {
        String address = node.node().address();
        List<ListeningSocket> listeners = Hostnames.isIpAddress(address)
                ? facts.listenersOn(Hostnames.canonicalIp(address), port)
                : facts.listening().stream().filter(socket -> socket.port() == port).toList();
        for (ListeningSocket socket : listeners) {
            boolean etcd = socket.process().map("etcd"::equals).orElse(node.serviceActive());
            if (!etcd) {
                return Optional.of(new Plan.Refusal(node.name(), "port " + port + " on " + socket.address()
                        + " is taken by " + socket.process().orElse("another process")
                        + socket.pid().stream().mapToObj(pid -> " (pid " + pid + ")").findFirst().orElse(""),
                        "etcd needs it; stop that service or choose other ports in the inventory (cluster.clientPort,"
                                + " cluster.peerPort)"));
            }
        }
        return Optional.empty();
    }
}
