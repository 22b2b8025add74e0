package dev.etcdprovision.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Network partitions between lab hosts.
 *
 * <p>All hosts share the machine's network namespace, and every connection between them leaves
 * from 127.0.0.1, so a source address cannot tell hosts apart. Each host is its own cgroup,
 * though, and iptables can match the cgroup of the socket that sends a packet: dropping what
 * host A's processes send to B's address, and what B's send to A's, is a real partition between
 * A and B that leaves every other path working. A dropped packet gets no answer, like a pulled
 * cable: connections hang rather than fail fast.
 *
 * <p>A rule names the cgroup of the container that was running when it was made; a host that is
 * started again or replaced gets a new cgroup, so the cuts involving it are made again then.
 */
final class NetworkCuts {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    record Cut(LabHost a, LabHost b) {
        boolean involves(LabHost host) {
            return a == host || b == host;
        }
    }

    private final String comment;
    private final Set<Cut> cuts = new LinkedHashSet<>();

    NetworkCuts(int block) {
        this.comment = "etcd-provision-lab-b" + block;
    }

    synchronized void cut(LabHost a, LabHost b) {
        if (a == b) {
            throw new IllegalArgumentException("cannot cut " + a + " off from itself");
        }
        if (cuts.stream().anyMatch(cut -> cut.involves(a) && cut.involves(b))) {
            return;
        }
        Cut cut = new Cut(a, b);
        apply(cut, "-I");
        cuts.add(cut);
    }

    synchronized void restore(LabHost a, LabHost b) {
        for (Cut cut : List.copyOf(cuts)) {
            if (cut.involves(a) && cut.involves(b)) {
                apply(cut, "-D");
                cuts.remove(cut);
            }
        }
    }

    /** Removes every rule of this lab, also rules a crashed earlier run left behind. */
    synchronized void restoreAll() {
        cuts.clear();
        deleteAllRules();
    }

    /** Called after a host got a new container (started again, replaced): the cuts are made anew. */
    synchronized void hostRestarted(LabHost host) {
        if (cuts.stream().anyMatch(cut -> cut.involves(host))) {
            deleteAllRules();
            cuts.forEach(cut -> apply(cut, "-I"));
        }
    }

    private void deleteAllRules() {
        String rules = Command.check(TIMEOUT, "iptables", "-w", "-S", "OUTPUT");
        for (String rule : rules.split("\n")) {
            if (rule.startsWith("-A OUTPUT ") && List.of(rule.replace("\"", "").split(" ")).contains(comment)) {
                List<String> delete = new ArrayList<>(List.of("iptables", "-w", "-D"));
                delete.addAll(List.of(rule.substring(3).replace("\"", "").split(" ")));
                Command.check(TIMEOUT, delete.toArray(String[]::new));
            }
        }
    }

    private void apply(Cut cut, String action) {
        drop(action, cut.a(), cut.b());
        drop(action, cut.b(), cut.a());
    }

    private void drop(String action, LabHost from, LabHost to) {
        Command.check(TIMEOUT, "iptables", "-w", action, "OUTPUT",
                "-m", "cgroup", "--path", cgroupOf(from),
                "-d", to.address() + "/32",
                "-m", "comment", "--comment", comment,
                "-j", "DROP");
    }

    /** The unified-hierarchy cgroup of the host's container, e.g. {@code /docker/<id>}. */
    private static String cgroupOf(LabHost host) {
        Path file = Path.of("/proc", Long.toString(host.initPid()), "cgroup");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("0::")) {
                    String path = line.substring(3);
                    int id = path.indexOf(host.containerId());
                    if (id < 0) {
                        throw new IllegalStateException("the cgroup of " + host + " (" + path
                                + ") does not name its container; cannot cut its network");
                    }
                    int end = path.indexOf('/', id);
                    return end < 0 ? path : path.substring(0, end);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + file + " to cut the network of " + host, e);
        }
        throw new IllegalStateException("no cgroup v2 entry in " + file + "; cannot cut the network of " + host);
    }
}
