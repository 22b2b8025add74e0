package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseException;
import dev.etcdprovision.agent.release.ReleaseSource;
import dev.etcdprovision.agent.steps.RemoteFiles;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.desired.NodeTargets;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.observe.NodeObservation;
import dev.etcdprovision.controller.observe.Observation;
import dev.etcdprovision.controller.observe.Observer;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.plan.PlanInput;
import dev.etcdprovision.controller.plan.Planner;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observation and planning, shared by {@code plan} (which stops here) and {@code apply}: what the
 * nodes must have, what they and the cluster show, the release, and the plan made from them.
 */
public final class Planning {
    private Planning() {}

    /** The outcome: the plan and what it was made from. */
    public record Result(NodeTargets targets, Observation observation, Map<String, Release> releases,
            Map<String, Map<String, String>> currentTexts, Plan plan) {}

    /** The rendered files whose old content a plan shows as a diff. */
    private static final List<String> TEXT_FILES = List.of(NodeLayout.ETCD_CONF, NodeLayout.UNIT_FILE,
            NodeLayout.ETCDCTL_ENV);

    public static Result run(ClusterAccess access, ApplyOptions options, PkiReport pki) {
        Inventory inventory = access.inventory();
        Observer observer = new Observer(access);
        var cluster = observer.observeCluster();
        NodeTargets targets = new NodeTargets(inventory, options.renderer(), nodesWithPendingCertificates(inventory, pki));
        Observation observation = observer.observe(paths(targets), cluster);
        Map<String, Release> releases = fetchReleases(inventory, observation, options);
        Map<String, Map<String, String>> texts = currentTexts(access, targets, observation);
        Plan plan = Planner.plan(new PlanInput(targets, observation, pki, releases, texts, options.allowRemove()));
        return new Result(targets, observation, releases, texts, plan);
    }

    /**
     * The plan again from the same observation, once the PKI folder holds every certificate: the
     * files now have their final content and every member its fingerprint.
     */
    public static Result replan(Result previous, ApplyOptions options, PkiReport pki) {
        NodeTargets targets = new NodeTargets(previous.targets().inventory(), options.renderer(), Set.of());
        Plan plan = Planner.plan(new PlanInput(targets, previous.observation(), pki, previous.releases(),
                previous.currentTexts(), options.allowRemove()));
        return new Result(targets, previous.observation(), previous.releases(), previous.currentTexts(), plan);
    }

    /** Every path whose state the plan needs: the files of a node, its folders, the data dir. */
    public static List<String> paths(NodeTargets targets) {
        Inventory inventory = targets.inventory();
        List<String> paths = new ArrayList<>(List.of(NodeLayout.CONFIG_DIR, NodeLayout.PKI_DIR,
                NodeLayout.INSTALL_DIR, NodeLayout.binDir(inventory.cluster().etcdVersion()),
                inventory.cluster().dataDir()));
        NodeSpec any = inventory.nodes().get(0);
        targets.converged(any).files().stream().map(RemoteFile::path)
                .filter(path -> !path.endsWith("/*")).forEach(paths::add);
        for (String path : List.of(NodeLayout.CA_CERT, NodeLayout.SERVER_CERT, NodeLayout.SERVER_KEY,
                NodeLayout.PEER_CERT, NodeLayout.PEER_KEY, NodeLayout.HEALTHCHECK_CLIENT_CERT,
                NodeLayout.HEALTHCHECK_CLIENT_KEY)) {
            if (!paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** Nodes some of whose certificates (or the CA) are yet to be issued. */
    private static Set<String> nodesWithPendingCertificates(Inventory inventory, PkiReport pki) {
        Set<String> pending = new HashSet<>();
        boolean newCa = pki.outcomes().stream().anyMatch(outcome -> outcome.name().equals(PkiLayout.CA)
                && outcome.action() != PkiReport.Action.REUSED);
        for (NodeSpec node : inventory.nodes()) {
            boolean issued = pki.outcomes().stream().anyMatch(outcome -> outcome.name().startsWith("nodes/"
                    + node.name() + "/") && outcome.action() != PkiReport.Action.REUSED);
            if (newCa || issued) {
                pending.add(node.name());
            }
        }
        return pending;
    }

    /** The release of the inventory's version for each architecture the nodes have. */
    private static Map<String, Release> fetchReleases(Inventory inventory, Observation observation,
                                                      ApplyOptions options) {
        Map<String, Release> releases = new LinkedHashMap<>();
        String version = inventory.cluster().etcdVersion();
        ReleaseSource source = ReleaseSource.of(inventory.cluster().release().url())
                .withSumsUrl(inventory.cluster().release().sha256sums());
        for (NodeObservation node : observation.nodes()) {
            node.facts().flatMap(HostFacts::etcdArch).filter(arch -> !releases.containsKey(arch)).ifPresent(arch -> {
                try {
                    releases.put(arch, options.releaseCache().fetch(source, version, arch));
                } catch (ReleaseException e) {
                    throw new PhaseFailure("preflight", PhaseFailure.Kind.PREFLIGHT,
                            List.of(new PhaseFailure.TargetFailure("controller", e.getMessage(), e.hint())), e);
                }
            });
        }
        return releases;
    }

    /**
     * The current content of rendered text files that differ from what the node must have, read
     * from the nodes at once: a plan shows what changes, and apply names the settings that changed.
     */
    private static Map<String, Map<String, String>> currentTexts(ClusterAccess access, NodeTargets targets,
                                                                 Observation observation) {
        Map<String, Map<String, String>> texts = new ConcurrentHashMap<>();
        List<Thread> readers = new ArrayList<>();
        for (NodeObservation node : observation.nodes()) {
            if (!node.reachable()) {
                continue;
            }
            DesiredNode desired = targets.converged(node.node());
            List<String> differing = desired.files().stream()
                    .filter(file -> TEXT_FILES.contains(file.path()))
                    .filter(file -> {
                        var state = node.requireFacts().path(file.path());
                        return state.exists() && !state.hasContent(file.sha256());
                    })
                    .map(RemoteFile::path).toList();
            if (differing.isEmpty()) {
                continue;
            }
            Thread reader = new Thread(() -> {
                Map<String, String> read = new HashMap<>();
                try {
                    RemoteFiles files = new RemoteFiles(access.requireHost(node.name()));
                    differing.forEach(path -> files.read(path).ifPresent(text -> read.put(path, text)));
                } catch (HostException unreadable) {
                    // only the diff is lost; the plan still says the file changes
                }
                texts.put(node.name(), read);
            }, "read-" + node.name());
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        for (Thread reader : readers) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PhaseFailure.on("preflight", "controller", "interrupted", "run the command again");
            }
        }
        return Map.copyOf(texts);
    }
}
