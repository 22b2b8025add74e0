package dev.etcdprovision.controller.apply;

import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.NodeObservation;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.Plan;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import dev.etcdprovision.controller.workflow.Workflow;
import java.util.List;
import java.util.Locale;

/**
 * {@code apply}: preflight (observe everything, plan, stop on any problem before a change
 * anywhere), then the phases pki, install, configure, start, restart, members and verify. Every
 * phase skips what is in place, so on a converged cluster apply changes nothing, and after a
 * crash a re-run continues where it stopped.
 */
public final class Apply {
    static final String PREFLIGHT = "preflight";

    private final ClusterAccess access;
    private final ApplyOptions options;
    private final Progress progress;

    public Apply(ClusterAccess access, ApplyOptions options, Progress progress) {
        this.access = access;
        this.options = options;
        this.progress = progress;
    }

    /** Runs apply; returns the plan it carried out. */
    public Plan run() {
        Planning.Result preflight = preflight();
        PkiReport pki = PkiPhase.run(access.inventory(), progress);
        if (pki.changed()) {
            access.reconnectCluster();
        }
        Planning.Result ready = Planning.replan(preflight, options, pki);
        if (ready.plan().mode() == Plan.Mode.RESUME) {
            new StartPhase().run(context(ready));
            ready = Planning.run(access, options, pki);
            requireNoRefusals(ready.plan());
        }
        ApplyContext context = context(ready);
        new Workflow<>(List.of(new InstallPhase(), new StartPhase(), new RestartPhase(),
                new MembersPhase(), new InstallPhase.Tools(), new VerifyPhase()), Failures::of).run(context);
        return ready.plan();
    }

    /** Observes every node and the cluster and plans, changing nothing; any problem stops apply here. */
    private Planning.Result preflight() {
        Planning.Result result = Planning.run(access, options, PkiPhase.assess(access.inventory()));
        for (NodeObservation node : result.observation().nodes()) {
            node.facts().ifPresent(facts -> progress.info(PREFLIGHT, node.name(), describe(facts)));
        }
        progress.info(PREFLIGHT, "cluster", describe(result.plan(), result.observation().cluster()));
        result.plan().warnings().forEach(warning -> progress.warning(PREFLIGHT, warning.target(), warning.message()));
        requireNoRefusals(result.plan());
        return result;
    }

    private static void requireNoRefusals(Plan plan) {
        if (plan.refused()) {
            throw new PhaseFailure(PREFLIGHT, PhaseFailure.Kind.PREFLIGHT, plan.refusals().stream()
                    .map(refusal -> new PhaseFailure.TargetFailure(refusal.target(), refusal.problem(), refusal.hint()))
                    .toList(), null);
        }
    }

    private ApplyContext context(Planning.Result result) {
        return new ApplyContext(access, options, result.targets(), result.observation(), result.releases(),
                result.plan(), progress, new Background());
    }

    private static String describe(HostFacts facts) {
        return facts.os().prettyName() + ", " + facts.machine() + ", systemd "
                + facts.systemdVersion().stream().mapToObj(Integer::toString).findFirst().orElse("?")
                + String.format(Locale.ROOT, ", clock %+.2f s", facts.clockOffset().toMillis() / 1000.0)
                + facts.unit().filter(unit -> unit.isActive()).map(unit -> ", etcd running").orElse("");
    }

    private static String describe(Plan plan, ClusterObservation cluster) {
        return switch (plan.mode()) {
            case FORM -> "no cluster yet: the " + plan.nodes().size() + " nodes will form one";
            case RESUME -> "no quorum: members that are down will be started";
            case CONVERGE -> cluster.members().size() + " member(s), etcd "
                    + String.join(", ", cluster.runningVersions()) + (cluster.hasQuorum() ? ", quorum" : "");
        };
    }
}
