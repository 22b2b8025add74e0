package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.steps.Accounts;
import dev.etcdprovision.agent.steps.Directories;
import dev.etcdprovision.agent.steps.ReleaseInstaller;
import dev.etcdprovision.agent.steps.StepResult;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.OnEach;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;

/**
 * The etcd user, the folders and the release's binaries, and beside the binaries' upload the
 * node's files ({@link Configure}), on every node at once. Installing a new version puts it beside
 * the running one; nothing restarts here. Of the nodes that join the cluster, the first is prepared
 * here; the members phase prepares each next one while the one before joins (see {@link MembersPhase}).
 */
final class InstallPhase implements Phase<ApplyContext> {
    static final String NAME = "install";
    /** The binary the service runs; the others are tools. */
    private static final String SERVER = "etcd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        List<NodePlan> joins = context.plan().joins();
        List<NodePlan> nodes = context.plan().nodes().stream()
                .filter(node -> node.role() != NodePlan.Role.RESUMING)
                .filter(node -> !node.role().joins() || joins.indexOf(node) == 0)
                .toList();
        OnEach.run(NAME, nodes, NodePlan::name, Failures::describe, node -> {
            if (Configure.applies(node)) {
                Configure configure = new Configure(context, node);
                install(context, node, configure::filesButTheUnit);
                configure.unitAndReport();
                installToolsInBackground(context, node);
            } else if (node.role().joins()) {
                // its tools follow once it has started (see MembersPhase)
                install(context, node, () -> MembersPhase.prepareToJoin(context, node));
            } else {
                install(context, node, () -> { });
                installToolsInBackground(context, node);
            }
        });
    }

    /**
     * The user, folders and the etcd binary of one node, reporting what it did; {@code alongside}
     * runs while the binary uploads, once the folders exist (the node's files go up meanwhile).
     * The tools come later (see {@link #installToolsInBackground}).
     */
    static void install(ApplyContext context, NodePlan node, Runnable alongside) {
        Instant start = Instant.now();
        Host host = context.access().requireHost(node.name());
        HostFacts facts = context.observation().node(node.name()).requireFacts();
        List<String> made = accountAndFolders(context, host, facts);
        CompletableFuture<Void> other = Background.start("configure-" + node.name(), alongside);
        StepResult server = node.install() ? binaries(context, host, facts, name -> name.equals(SERVER))
                : StepResult.unchanged("");
        Background.await(other);
        String version = context.inventory().cluster().etcdVersion();
        String detail = "etcd " + version + (server.changed() ? ": " + server.detail() : " in place")
                + (made.isEmpty() ? "" : "; made " + String.join(", ", made));
        context.progress().report(NAME, node.name(), server.changed() || !made.isEmpty() ? Outcome.CHANGED
                : Outcome.UNCHANGED, detail, Duration.between(start, Instant.now()));
    }

    /**
     * etcdctl and etcdutl, uploaded in the background once the node's service can start: they
     * then use the time members spend electing a leader or catching up. {@link Tools} waits for
     * them before apply verifies the cluster.
     */
    static void installToolsInBackground(ApplyContext context, NodePlan node) {
        if (!node.install()) {
            return;
        }
        context.background().defer("tools-" + node.name(), () -> {
            Instant start = Instant.now();
            Host host = context.access().requireHost(node.name());
            HostFacts facts = context.observation().node(node.name()).requireFacts();
            StepResult tools = binaries(context, host, facts, name -> !name.equals(SERVER));
            if (tools.changed()) {
                context.progress().report(NAME, node.name(), Outcome.CHANGED, "etcd "
                        + context.inventory().cluster().etcdVersion() + " tools: " + tools.detail(),
                        Duration.between(start, Instant.now()));
            }
        });
    }

    /** The release binaries that {@code which} names, each skipped when in place. */
    private static StepResult binaries(ApplyContext context, Host host, HostFacts facts, Predicate<String> which) {
        Release all = context.releases().get(facts.etcdArch().orElseThrow());
        Release release = new Release(all.version(), all.arch(), all.archiveSha256(),
                all.binaries().stream().filter(binary -> which.test(binary.name())).toList());
        String binDir = NodeLayout.binDir(context.inventory().cluster().etcdVersion());
        Map<String, PathState> known = new LinkedHashMap<>();
        ReleaseInstaller.paths(release, binDir).forEach(path ->
                known.put(path, facts.paths().getOrDefault(path, PathState.missing(path))));
        return new ReleaseInstaller(host).install(release, binDir, known);
    }

    /** Waits for the tools that {@link #install} sends in the background; the cluster is verified after. */
    static final class Tools implements Phase<ApplyContext> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void run(ApplyContext context) {
            context.background().awaitAll();
        }
    }

    /** The etcd user and the folders; returns what had to be made. */
    private static List<String> accountAndFolders(ApplyContext context, Host host, HostFacts facts) {
        String dataDir = context.inventory().cluster().dataDir();
        List<String> made = new ArrayList<>();
        StepResult user = new Accounts(host).ensureSystemUser(NodeLayout.ETCD_USER, NodeLayout.ETCD_GROUP, dataDir,
                facts.user(), facts.group());
        if (user.changed()) {
            made.add("user " + NodeLayout.ETCD_USER);
        }
        Map<String, Ownership> folders = new LinkedHashMap<>();
        folders.put(NodeLayout.CONFIG_DIR, NodeLayout.CONFIG_DIR_OWNERSHIP);
        folders.put(NodeLayout.PKI_DIR, NodeLayout.CONFIG_DIR_OWNERSHIP);
        folders.put(NodeLayout.INSTALL_DIR, NodeLayout.INSTALL_DIR_OWNERSHIP);
        folders.put(dataDir, NodeLayout.DATA_DIR_OWNERSHIP);
        Directories directories = new Directories(host);
        folders.forEach((path, ownership) -> {
            if (directories.ensure(path, ownership, facts.path(path)).changed()) {
                made.add(path);
            }
        });
        return made;
    }

}
