package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.facts.UnitState;
import dev.etcdprovision.agent.steps.Journal;
import dev.etcdprovision.agent.steps.RemoteFiles;
import dev.etcdprovision.agent.steps.StepResult;
import dev.etcdprovision.agent.steps.Systemd;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.workflow.OnEach;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The steps apply takes on one node, built from the agent's steps. */
final class NodeActions {
    /** How many journal lines a failure to start shows. */
    static final int JOURNAL_LINES = 20;
    private static final Duration POLL = Duration.ofMillis(100);

    private final ApplyContext context;
    private final NodeSpec node;
    private final Host host;

    NodeActions(ApplyContext context, NodeSpec node) {
        this.context = context;
        this.node = node;
        this.host = context.access().requireHost(node.name());
    }

    Host host() {
        return host;
    }

    URI clientUrl() {
        return context.access().clientUrl(node);
    }

    /**
     * Writes the node's files, deciding from the states observed before apply began (nothing is
     * sent for a file in place); returns the paths written. The unit is reloaded when it changed,
     * and enabled, so a reboot brings etcd back.
     */
    List<String> writeFiles(DesiredNode desired, boolean useObservedStates) {
        List<String> written = write(desired, useObservedStates, file -> true);
        activate(written.contains(NodeLayout.UNIT_FILE), useObservedStates);
        return written;
    }

    /**
     * Writes those of the node's files that {@code which} selects (see {@link #writeFiles}),
     * without reloading systemd; returns the paths written.
     */
    List<String> write(DesiredNode desired, boolean useObservedStates, Predicate<RemoteFile> which) {
        RemoteFiles files = new RemoteFiles(host);
        List<RemoteFile> selected = desired.files().stream().filter(which).toList();
        // states asked now, in one round trip, when those observed before apply began are stale
        Map<String, PathState> states = useObservedStates ? observedFacts().orElseThrow().paths()
                : Facts.describe(host, "describe files", selected.stream().map(RemoteFile::path).toList());
        // side by side on the one connection: each write is a round trip plus an fsync on the host
        List<StepResult> results = OnEach.compute("write files", selected, RemoteFile::path, Failures::describe,
                file -> {
                    PathState known = states.get(file.path());
                    return known != null ? files.write(file, known) : files.write(file);
                });
        List<String> written = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            if (results.get(i).changed()) {
                written.add(selected.get(i).path());
            }
        }
        return written;
    }

    /**
     * Makes systemd see a changed unit and enables the unit, so a reboot brings etcd back. Enabling
     * reloads systemd itself, so a unit that is not enabled yet takes one round trip, not two.
     * Without the observed states (a second write in the same run) the unit was enabled by the first.
     */
    void activate(boolean unitChanged, boolean useObservedStates) {
        Systemd systemd = new Systemd(host);
        boolean enabled = !useObservedStates
                || observedFacts().flatMap(HostFacts::unit).filter(unit -> unit.isEnabled()).isPresent();
        if (!enabled) {
            systemd.enable(NodeLayout.UNIT_NAME);
        } else {
            systemd.daemonReload(unitChanged);
        }
    }

    private Optional<HostFacts> observedFacts() {
        return context.observation().node(node.name()).facts();
    }

    /** Records that etcd now runs with the node's current settings (see {@link DesiredNode#fingerprint}). */
    void recordRunningConfig(DesiredNode desired) {
        RemoteFile record = desired.runningConfigRecord().orElseThrow(() -> new IllegalStateException(
                "the certificates of " + node.name() + " are not issued yet"));
        new RemoteFiles(host).write(record);
    }

    /**
     * Waits until the member serves linearizable reads (it has joined and caught up with the
     * leader). While waiting, an etcd that exits ends the wait at once; either way the failure
     * shows the last lines of etcd's journal.
     */
    void awaitHealthy(String phase, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        EndpointHealth health = null;
        while (Instant.now().isBefore(giveUp)) {
            health = context.access().cluster().health(clientUrl());
            if (health.healthy()) {
                return;
            }
            UnitState unit = new Systemd(host).state(NodeLayout.UNIT_NAME);
            // systemd restarts a crashed etcd after RestartSec: the unit then waits in "auto-restart"
            if (unit.activeState().equals("failed") || unit.subState().equals("auto-restart")) {
                throw startFailure(phase, "etcd failed to start (the unit is " + unit.activeState() + ", "
                        + unit.subState() + ")");
            }
            sleep(POLL);
        }
        throw startFailure(phase, "etcd did not become healthy within " + deadline.toSeconds() + " s"
                + (health == null ? "" : " (" + health.error() + ")"));
    }

    /** A failure to start or join, with the last lines of etcd's journal on that node. */
    PhaseFailure startFailure(String phase, String cause) {
        List<String> journal;
        try {
            journal = new Journal(host).lastLines(NodeLayout.UNIT_NAME, JOURNAL_LINES);
        } catch (RuntimeException unreadable) {
            journal = List.of("(the journal could not be read: " + unreadable.getMessage() + ")");
        }
        String lines = journal.isEmpty() ? "" : "\n  last lines of `journalctl -u " + NodeLayout.UNIT_NAME + "`:\n    "
                + String.join("\n    ", journal);
        return PhaseFailure.on(phase, node.name(), cause + lines, "fix what the journal shows, then run apply"
                + " again: it continues where it stopped");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PhaseFailure.on("apply", "controller", "interrupted", "run apply again to finish");
        }
    }
}
