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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

/**
 * The etcd user, the folders and the release's binaries, on every node at once. Installing a new
 * version puts it beside the running one; nothing restarts here. Nodes that join the cluster are
 * installed by the members phase, one ahead of the node joining (see {@link MembersPhase}).
 */
final class InstallPhase implements Phase<ApplyContext> {
    static final String NAME = "install";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        List<NodePlan> nodes = context.plan().nodes().stream()
                .filter(node -> node.role() != NodePlan.Role.RESUMING && !node.role().joins()).toList();
        OnEach.run(NAME, nodes, NodePlan::name, Failures::describe, node -> install(context, node));
    }

    /** The user, folders and binaries of one node; reports what it did. */
    static void install(ApplyContext context, NodePlan node) {
        install(context, node, () -> { });
    }

    /**
     * The same, running {@code alongside} while the binaries upload, once the folders exist (a
     * joining node's files go up meanwhile).
     */
    static void install(ApplyContext context, NodePlan node, Runnable alongside) {
        Instant start = Instant.now();
        Host host = context.access().requireHost(node.name());
        HostFacts facts = context.observation().node(node.name()).requireFacts();
        String version = context.inventory().cluster().etcdVersion();
        List<String> made = accountAndFolders(context, host, facts);
        CompletableFuture<Void> other = CompletableFuture.runAsync(alongside, Executors.newSingleThreadExecutor(
                task -> daemon(task, "alongside-install-" + node.name())));
        String installed = "etcd " + version + " in place";
        if (node.install()) {
            Release release = context.releases().get(facts.etcdArch().orElseThrow());
            String binDir = NodeLayout.binDir(version);
            Map<String, PathState> known = new LinkedHashMap<>();
            ReleaseInstaller.paths(release, binDir).forEach(path ->
                    known.put(path, facts.paths().getOrDefault(path, PathState.missing(path))));
            StepResult result = new ReleaseInstaller(host).install(release, binDir, known);
            if (result.changed()) {
                installed = "etcd " + version + ": " + result.detail();
            }
        }
        try {
            other.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        boolean changed = !made.isEmpty() || !installed.endsWith("in place");
        String detail = made.isEmpty() ? installed : installed + "; made " + String.join(", ", made);
        context.progress().report(NAME, node.name(), changed ? Outcome.CHANGED : Outcome.UNCHANGED, detail,
                Duration.between(start, Instant.now()));
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

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
