package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.steps.DataDirs;
import dev.etcdprovision.agent.steps.Directories;
import dev.etcdprovision.agent.steps.StepResult;
import dev.etcdprovision.agent.steps.Systemd;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.render.EtcdUrls;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.OnEach;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.Phase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Grows and shrinks the cluster, one member at a time. A node joins as a learner (it cannot vote
 * and so cannot cost the cluster its quorum while it catches up), starts, and is promoted once
 * etcd says it has caught up. A member leaves only while the others keep a quorum; its service
 * is stopped and disabled and its data moved aside. Each step first looks at what the cluster
 * shows, so a run that was interrupted anywhere is finished by the next.
 */
final class MembersPhase implements Phase<ApplyContext> {
    static final String NAME = "members";
    /** A learner catches up by receiving the leader's snapshot and log; a big database takes a while. */
    static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        boolean changed = false;
        List<NodePlan> joins = context.plan().joins();
        List<CompletableFuture<Void>> installs = new ArrayList<>();
        // the first joining node was prepared by the install phase
        installs.add(CompletableFuture.completedFuture(null));
        for (int i = 0; i < joins.size(); i++) {
            await(installs.get(i));
            int next = i + 1;
            // this node's tools and the next node's binaries upload once this one has started, while it
            // catches up and the cluster settles: etcd accepts the next member only when every voter
            // has been connected for 5 s
            NodePlan joining = joins.get(i);
            join(context, joining, () -> {
                InstallPhase.installToolsInBackground(context, joining);
                installs.add(installAsync(context, joins, next));
            });
            changed = true;
        }
        for (Plan.Removal removal : context.plan().removals()) {
            remove(context, removal);
            changed = true;
        }
        if (changed) {
            listCurrentMembers(context);
        }
    }

    /** Installs the {@code index}th joining node in the background; done at once when there is none. */
    private static CompletableFuture<Void> installAsync(ApplyContext context, List<NodePlan> joins, int index) {
        if (index >= joins.size()) {
            return CompletableFuture.completedFuture(null);
        }
        NodePlan node = joins.get(index);
        // its files go up while the binaries do; only the member list may change until it joins.
        // The cluster is settling meanwhile, so its tools follow at once.
        return Background.start("install-" + node.name(), () -> {
            InstallPhase.install(context, node, () -> prepareToJoin(context, node));
            InstallPhase.installToolsInBackground(context, node);
        });
    }

    private static void await(CompletableFuture<Void> installed) {
        try {
            Background.await(installed);
        } catch (RuntimeException e) {
            throw Failures.of(InstallPhase.NAME, e);
        }
    }

    static void join(ApplyContext context, NodePlan plan, Runnable started) {
        Instant start = Instant.now();
        NodeSpec node = context.node(plan.name());
        NodeActions actions = context.actions(node.name());
        MembershipClient client = context.access().cluster();
        URI peerUrl = URI.create(EtcdUrls.peer(node, context.inventory().cluster()));
        List<ClusterMember> members = client.members();
        Optional<ClusterMember> member = members.stream()
                .filter(candidate -> candidate.peerUrls().contains(peerUrl)).findFirst();
        // the member list as it is now (prepared files may name fewer members); only etcd.conf changes
        DesiredNode joining = context.targets().joining(node, startedMembers(members));
        actions.writeFiles(joining, false);
        if (member.isEmpty()) {
            ClusterMember added = client.addLearner(List.of(peerUrl));
            context.progress().info(NAME, node.name(), "added as learner " + added.idHex());
            member = Optional.of(added);
        }
        new Systemd(actions.host()).startNoBlock(NodeLayout.UNIT_NAME);
        started.run();
        if (member.get().learner()) {
            try {
                client.promote(member.get().id(), CATCH_UP_DEADLINE);
            } catch (MembershipException e) {
                throw actions.startFailure(NAME, e.getMessage());
            }
        }
        actions.awaitHealthy(NAME, RestartPhase.HEALTHY_DEADLINE);
        actions.recordRunningConfig(joining);
        context.progress().report(NAME, node.name(), Outcome.CHANGED, "joined as " + member.get().idHex()
                + (member.get().learner() ? ", caught up as a learner and promoted to voter" : "") + "; healthy",
                Duration.between(start, Instant.now()));
    }

    /**
     * What a node needs before it can join, done while the binaries upload: an empty data dir when
     * the plan found old data (only for a node that is not a member yet), and its files, rendered
     * with the members that have started.
     */
    static void prepareToJoin(ApplyContext context, NodePlan plan) {
        NodeSpec node = context.node(plan.name());
        NodeActions actions = context.actions(node.name());
        List<ClusterMember> members = context.access().cluster().members();
        URI peerUrl = URI.create(EtcdUrls.peer(node, context.inventory().cluster()));
        boolean member = members.stream().anyMatch(candidate -> candidate.peerUrls().contains(peerUrl));
        if (!member && plan.moveDataAside()) {
            prepareEmptyDataDir(context, actions.host(), plan);
        }
        actions.writeFiles(context.targets().joining(node, startedMembers(members)), true);
    }

    /** {@code name=peerURL} of the members that have started (a member's name appears when it starts). */
    private static List<String> startedMembers(List<ClusterMember> members) {
        return members.stream().filter(candidate -> !candidate.neverStarted())
                .map(candidate -> candidate.name() + "=" + candidate.peerUrls().get(0)).toList();
    }

    /**
     * A node that is not a member must start with an empty data dir: a stopped etcd, whatever data
     * it had moved aside (kept, not deleted), and the data dir made anew for the etcd user.
     */
    static void prepareEmptyDataDir(ApplyContext context, Host host, NodePlan plan) {
        String dataDir = context.inventory().cluster().dataDir();
        new Systemd(host).stop(NodeLayout.UNIT_NAME);
        StepResult moved = new DataDirs(host).moveAside(dataDir);
        if (moved.changed()) {
            context.progress().info(NAME, plan.name(), "old data moved aside: " + moved.detail());
        }
        new Directories(host).ensure(dataDir, NodeLayout.DATA_DIR_OWNERSHIP);
    }

    private static void remove(ApplyContext context, Plan.Removal removal) {
        Instant start = Instant.now();
        MembershipClient client = context.access().cluster();
        Quorum quorum = Quorum.now(client);
        Optional<ClusterMember> member = quorum.members().stream()
                .filter(candidate -> candidate.idHex().equals(removal.memberId())).findFirst();
        if (member.isPresent()) {
            if (quorum.removeKeepingQuorum(member.get(), NAME, "removing " + removal.name())) {
                context.progress().info(NAME, removal.name(), "handed leadership over before leaving");
            }
            context.progress().info(NAME, removal.name(), "removed member " + removal.memberId());
        }
        String cleanup = stopOnHost(context, removal);
        context.progress().report(NAME, removal.name(), Outcome.CHANGED, "left the cluster; " + cleanup,
                Duration.between(start, Instant.now()));
    }

    /** Stops and disables etcd on a removed member's host and moves its data aside, if the host answers. */
    private static String stopOnHost(ApplyContext context, Plan.Removal removal) {
        if (removal.address().isEmpty()) {
            return "its host is unknown: stop etcd there by hand";
        }
        try {
            Host host = context.access().connectOther(removal.name(), removal.address());
            Systemd systemd = new Systemd(host);
            systemd.stop(NodeLayout.UNIT_NAME);
            systemd.disable(NodeLayout.UNIT_NAME);
            StepResult moved = new DataDirs(host).moveAside(context.inventory().cluster().dataDir());
            return "etcd stopped and disabled on " + removal.address()
                    + (moved.changed() ? ", data moved aside (" + moved.detail() + ")" : "");
        } catch (HostException e) {
            context.progress().warning(NAME, removal.name(), "its host could not be cleaned up: " + e.getMessage()
                    + "; stop and disable " + NodeLayout.UNIT_NAME + " there by hand");
            return "its host did not answer";
        }
    }

    /**
     * After members joined or left, every member's etcd.conf lists the members as they are now.
     * Only ETCD_INITIAL_* change, which a member with data ignores: nothing restarts.
     */
    private static void listCurrentMembers(ApplyContext context) {
        List<String> names = new ArrayList<>(context.inventory().nodeNames());
        OnEach.run(NAME, names, name -> name, Failures::describe, name -> {
            DesiredNode converged = context.targets().converged(context.node(name));
            List<String> written = context.actions(name).writeFiles(converged, false);
            if (!written.isEmpty()) {
                context.progress().info(NAME, name, "etcd.conf lists the current members (no restart)");
            }
        });
    }

}
