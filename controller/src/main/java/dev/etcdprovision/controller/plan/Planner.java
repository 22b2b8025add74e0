package dev.etcdprovision.controller.plan;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseBinary;
import dev.etcdprovision.agent.steps.ReleaseInstaller;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.desired.NodeTargets;
import dev.etcdprovision.controller.inventory.EtcdVersion;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.NodeObservation;
import dev.etcdprovision.controller.observe.Observation;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.NodePlan.Role;
import dev.etcdprovision.controller.plan.NodePlan.Service;
import dev.etcdprovision.controller.plan.Plan.Mode;
import dev.etcdprovision.controller.plan.Plan.Refusal;
import dev.etcdprovision.controller.render.EtcdConf;
import dev.etcdprovision.controller.render.EtcdUrls;
import dev.etcdprovision.controller.render.NodeLayout;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what apply does, from what was observed. A pure function: no host, no cluster, no
 * clock; unit-tested with made-up observations.
 */
public final class Planner {
    private static final Set<String> SECRET_SUFFIXES = Set.of(".key");

    private final PlanInput input;
    private final Inventory inventory;
    private final NodeTargets targets;
    private final Observation observation;
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Plan.Warning> warnings = new ArrayList<>();

    private Planner(PlanInput input) {
        this.input = input;
        this.targets = input.targets();
        this.inventory = targets.inventory();
        this.observation = input.observation();
    }

    public static Plan plan(PlanInput input) {
        return new Planner(input).plan();
    }

    private Plan plan() {
        observation.nodes().forEach(this::preflight);
        ClusterObservation cluster = observation.cluster();
        boolean anyData = observation.nodes().stream().anyMatch(NodeObservation::hasData);
        boolean pkiIsNew = input.pki().outcomes().stream()
                .anyMatch(outcome -> outcome.name().equals(PkiLayout.CA) && outcome.action() == PkiReport.Action.CREATED);
        if (pkiIsNew && anyData) {
            // without the cluster's CA nothing can be asked of the members: say only that
            observation.nodes().stream().filter(NodeObservation::hasData).forEach(node -> refuse(node.name(),
                    "etcd has data in " + inventory.cluster().dataDir() + " but the PKI folder "
                            + inventory.pki().dir() + " has no CA, so the controller cannot talk to that member",
                    "restore the PKI folder of this cluster from a backup; if the data is not needed, move it aside"));
            return finish(Mode.RESUME, List.of(), List.of(), Optional.empty());
        }
        if (cluster.answered() && cluster.hasQuorum()) {
            return converge(cluster);
        }
        if (anyData || cluster.answered()) {
            return resume(cluster);
        }
        return form();
    }

    // -- the three ways to meet the cluster --------------------------------------------------------

    private Plan form() {
        List<NodePlan> nodes = new ArrayList<>();
        for (NodeObservation node : observation.nodes()) {
            if (!node.reachable()) {
                continue;
            }
            DesiredNode desired = targets.forming(node.node());
            nodes.add(new NodePlan(node.name(), Role.FORMING, needsInstall(node), fileChanges(node, desired),
                    Service.START, "forms the cluster " + inventory.cluster().name(), false, false));
        }
        return finish(Mode.FORM, nodes, List.of(), Optional.empty());
    }

    /**
     * Members have data but no quorum answers: start those that are down. A node without data is
     * started only when it was prepared for the cluster being formed and never ran (an interrupted
     * formation); a member that lost its data must be replaced, never restarted empty.
     */
    private Plan resume(ClusterObservation cluster) {
        List<NodePlan> nodes = new ArrayList<>();
        for (NodeObservation node : observation.nodes()) {
            if (!node.reachable()) {
                continue;
            }
            boolean startable = node.hasData() || preparedForFormation(node);
            Service service = startable && !node.serviceActive() ? Service.START : Service.NONE;
            nodes.add(new NodePlan(node.name(), Role.RESUMING, false, List.of(), service,
                    node.hasData() ? "a member is down and the cluster has no quorum" : "finishes forming the cluster",
                    false, false));
        }
        long canRun = observation.nodes().stream()
                .filter(node -> node.reachable() && (node.hasData() || preparedForFormation(node))).count();
        int majority = Math.max(cluster.voters().size(), inventory.nodes().size()) / 2 + 1;
        String noQuorum = "the cluster has no quorum (" + cluster.problem().orElse("no member is healthy") + ")";
        String restore = "if a majority of the members is lost for good, restore the cluster from a snapshot with"
                + " `etcd-provision snapshot restore FILE`";
        if (canRun < majority) {
            refuse("cluster", noQuorum + " and only " + canRun + " member(s) still have their data; a quorum needs "
                    + majority, "bring back the hosts that are down; " + restore);
        } else if (nodes.stream().noneMatch(node -> node.service() == Service.START)) {
            refuse("cluster", noQuorum + " although every member that has its data runs",
                    "check the network between the members and their journals (`etcd-provision logs NODE`); "
                            + restore);
        }
        return finish(Mode.RESUME, nodes, List.of(), Optional.empty());
    }

    private Plan converge(ClusterObservation cluster) {
        Optional<Plan.VersionChange> versionChange = versionChange(cluster);
        List<ClusterMember> matched = new ArrayList<>();
        List<String> namedMembers = cluster.members().stream().filter(member -> !member.neverStarted())
                .map(member -> member.name() + "=" + member.peerUrls().get(0)).toList();
        List<NodePlan> nodes = new ArrayList<>();
        for (NodeObservation node : observation.nodes()) {
            Optional<ClusterMember> member = memberOf(node.node(), cluster);
            member.ifPresent(matched::add);
            if (!node.reachable()) {
                continue;
            }
            nodes.add(member.isEmpty() ? joining(node, Role.JOINING, namedMembers)
                    : member.get().neverStarted() ? joining(node, Role.ADDED, namedMembers)
                    : member(node, member.get(), cluster, versionChange));
        }
        List<Plan.Removal> removals = new ArrayList<>();
        for (ClusterMember member : cluster.members()) {
            if (matched.contains(member)) {
                continue;
            }
            String name = member.neverStarted() ? member.idHex() : member.name();
            String address = member.peerUrls().isEmpty() ? "" : member.peerUrls().get(0).getHost();
            if (!input.allowRemove()) {
                refuse(name, "is a member of the cluster but not in the inventory",
                        "add it back to the inventory, or re-run with --allow-remove to remove it from the cluster"
                                + " (its data is moved aside, not deleted)");
            }
            removals.add(new Plan.Removal(name, member.idHex(), address,
                    cluster.leaderId().filter(id -> id == member.id()).isPresent()));
        }
        return finish(Mode.CONVERGE, nodes, removals, versionChange);
    }

    /** A started member of the cluster: converge its files, start or restart it if needed. */
    private NodePlan member(NodeObservation node, ClusterMember member, ClusterObservation cluster,
                            Optional<Plan.VersionChange> versionChange) {
        if (!node.hasData()) {
            refuse(node.name(), "is a member of the cluster (" + member.idHex() + ") but has no data in "
                    + inventory.cluster().dataDir(), "its data is lost: replace it with `etcd-provision replace-node "
                    + node.name() + "`");
        }
        DesiredNode desired = targets.converged(node.node());
        List<FileChange> files = fileChanges(node, desired);
        Service service = Service.NONE;
        String reason = "";
        if (!node.serviceActive()) {
            service = Service.START;
            reason = "it is not running";
        } else if (!runsWith(node, desired)) {
            service = Service.RESTART;
            reason = restartReason(node, desired, files, versionChange);
        }
        boolean leader = cluster.leaderId().filter(id -> id == member.id()).isPresent();
        return new NodePlan(node.name(), member.learner() ? Role.LEARNER : Role.MEMBER, needsInstall(node), files,
                service, reason, leader, false);
    }

    /** A node that becomes a member: as a learner first, rendered with the members it joins. */
    private NodePlan joining(NodeObservation node, Role role, List<String> namedMembers) {
        DesiredNode desired = targets.joining(node.node(), namedMembers);
        String reason = role == Role.ADDED ? "was added to the cluster but never started"
                : "joins the cluster as a learner";
        return new NodePlan(node.name(), role, needsInstall(node), fileChanges(node, desired), Service.START,
                reason, false, node.hasData());
    }

    private Plan finish(Mode mode, List<NodePlan> nodes, List<Plan.Removal> removals,
                        Optional<Plan.VersionChange> versionChange) {
        return new Plan(mode, nodes, removals, versionChange, input.pki(), refusals, warnings);
    }

    // -- membership --------------------------------------------------------------------------------

    /**
     * The member a node is: by name, or by peer URL for a member that never started (it has no name
     * yet). A member of that name at another peer URL is an address change, which apply refuses.
     */
    private Optional<ClusterMember> memberOf(NodeSpec node, ClusterObservation cluster) {
        URI peerUrl = URI.create(EtcdUrls.peer(node, inventory.cluster()));
        for (ClusterMember member : cluster.members()) {
            if (member.name().equals(node.name())) {
                if (!member.peerUrls().contains(peerUrl)) {
                    refuse(node.name(), "is a member at " + member.peerUrls() + " but the inventory says " + peerUrl,
                            "apply does not move a member: remove the node from the inventory and apply with"
                                    + " --allow-remove, then add it back with its new address");
                }
                return Optional.of(member);
            }
        }
        return cluster.members().stream().filter(member -> member.peerUrls().contains(peerUrl)).findFirst();
    }

    /**
     * An upgrade of the running members to the inventory's version: one minor version at a time,
     * never down (etcd's data format moves forward only).
     */
    private Optional<Plan.VersionChange> versionChange(ClusterObservation cluster) {
        EtcdVersion target = EtcdVersion.parse(inventory.cluster().etcdVersion());
        List<EtcdVersion> running = cluster.runningVersions().stream().map(EtcdVersion::parse).toList();
        if (running.isEmpty()) {
            return Optional.empty();
        }
        EtcdVersion lowest = running.stream().min(EtcdVersion::compareTo).orElseThrow();
        EtcdVersion highest = running.stream().max(EtcdVersion::compareTo).orElseThrow();
        if (target.compareTo(highest) < 0) {
            refuse("cluster", "the inventory asks for etcd " + target + " but members run " + highest
                    + ": that is a downgrade", "etcd's data only moves forward; keep etcdVersion at " + highest
                    + " or later (a downgrade needs etcd's own downgrade procedure and a snapshot)");
        } else if (target.major() != lowest.major() || target.minor() > lowest.minor() + 1) {
            refuse("cluster", "the inventory asks for etcd " + target + " but members run " + lowest
                    + ": that skips a minor version", "upgrade one minor version at a time: set etcdVersion to the"
                    + " latest " + lowest.major() + "." + (lowest.minor() + 1) + ".x release, apply, then go on");
        }
        return lowest.equals(target) && highest.equals(target) ? Optional.empty()
                : Optional.of(new Plan.VersionChange(lowest.toString(), target.toString()));
    }

    // -- files, binaries, restarts -------------------------------------------------------------------

    private List<FileChange> fileChanges(NodeObservation node, DesiredNode desired) {
        HostFacts facts = node.requireFacts();
        Map<String, String> current = input.currentTexts().getOrDefault(node.name(), Map.of());
        List<FileChange> changes = new ArrayList<>();
        for (RemoteFile file : desired.files()) {
            PathState state = facts.path(file.path());
            if (!state.exists()) {
                changes.add(new FileChange(file.path(), FileChange.Kind.CREATE, List.of()));
            } else if (!state.hasContent(file.sha256())) {
                boolean secret = SECRET_SUFFIXES.stream().anyMatch(file.path()::endsWith);
                List<String> diff = secret || !current.containsKey(file.path()) ? List.of()
                        : LineDiff.of(current.get(file.path()), file.text());
                changes.add(new FileChange(file.path(), FileChange.Kind.UPDATE, diff));
            } else if (!state.hasOwnership(new Ownership(file.owner(), file.group(), file.mode()))) {
                changes.add(new FileChange(file.path(), FileChange.Kind.OWNER_AND_MODE, List.of()));
            }
        }
        if (desired.certificatesPending()) {
            changes.add(new FileChange(NodeLayout.PKI_DIR + "/*", FileChange.Kind.UPDATE, List.of()));
        }
        return changes;
    }

    /** Whether the node's binaries of the inventory's version are missing or differ from the release. */
    private boolean needsInstall(NodeObservation node) {
        HostFacts facts = node.requireFacts();
        Optional<Release> release = facts.etcdArch().map(input.releases()::get);
        if (release.isEmpty()) {
            return true; // preflight refuses an architecture without a release
        }
        String dir = NodeLayout.binDir(inventory.cluster().etcdVersion());
        for (ReleaseBinary binary : release.get().binaries()) {
            PathState state = facts.paths().getOrDefault(dir + "/" + binary.name(), PathState.missing(dir));
            if (!state.hasContent(binary.sha256()) || !state.hasOwnership(ReleaseInstaller.BINARY)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the running etcd was started with the settings the node must have (see {@link DesiredNode#fingerprint}). */
    private static boolean runsWith(NodeObservation node, DesiredNode desired) {
        Optional<RemoteFile> record = desired.runningConfigRecord();
        return record.isPresent()
                && node.requireFacts().path(NodeLayout.RUNNING_CONFIG).hasContent(record.get().sha256());
    }

    private String restartReason(NodeObservation node, DesiredNode desired, List<FileChange> files,
                                 Optional<Plan.VersionChange> versionChange) {
        List<String> reasons = new ArrayList<>();
        versionChange.ifPresent(change -> reasons.add("etcd " + change.from() + " -> " + change.to()));
        for (FileChange change : files) {
            if (change.path().equals(NodeLayout.ETCD_CONF) && change.kind() == FileChange.Kind.UPDATE) {
                String before = input.currentTexts().getOrDefault(node.name(), Map.of()).get(NodeLayout.ETCD_CONF);
                if (before != null) {
                    List<String> names = desired.rendered().etcdConfVariables().changedFrom(EtcdConf.parse(before))
                            .stream().filter(name -> !name.startsWith("ETCD_INITIAL_")).toList();
                    reasons.add("etcd.conf: " + String.join(", ", names));
                } else {
                    reasons.add("etcd.conf changed");
                }
            } else if (change.path().equals(NodeLayout.UNIT_FILE) && versionChange.isEmpty()) {
                reasons.add("the unit changed");
            } else if (change.path().startsWith(NodeLayout.PKI_DIR) && !change.path().contains("healthcheck")
                    && !reasons.contains("new certificates")) {
                reasons.add("new certificates");
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("it runs with settings older than its files (an earlier run did not restart it)");
        }
        return String.join("; ", reasons);
    }

    // -- preflight ----------------------------------------------------------------------------------

    /** The checks on one node before anything changes anywhere; each problem becomes one refusal. */
    private void preflight(NodeObservation node) {
        HostChecks.Findings findings = HostChecks.check(node, inventory, input.releases());
        refusals.addAll(findings.refusals());
        warnings.addAll(findings.warnings());
    }

    /** A node prepared for the cluster being formed (its etcd.conf says so) that never recorded a start. */
    private boolean preparedForFormation(NodeObservation node) {
        HostFacts facts = node.requireFacts();
        RemoteFile forming = targets.forming(node.node()).rendered().etcdConf();
        return facts.path(NodeLayout.ETCD_CONF).hasContent(forming.sha256())
                && !facts.path(NodeLayout.RUNNING_CONFIG).exists();
    }

    private void refuse(String target, String problem, String hint) {
        refusals.add(new Refusal(target, problem, hint));
    }
}
