package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.plan.NodePlan;
import dev.etcdprovision.controller.plan.Plan;
import java.util.List;
import java.util.Locale;

/** A plan for scripts ({@code --output json}); {@code versionChange} is null when the version stays. */
record PlanJson(String mode, boolean changes, List<NodePlan> nodes, List<Plan.Removal> removals,
        Plan.VersionChange versionChange, List<Certificate> certificates, List<Plan.Refusal> refusals,
        List<Plan.Warning> warnings) {

    record Certificate(String name, String action, String reason) {}

    static PlanJson of(Plan plan) {
        return new PlanJson(plan.mode().name().toLowerCase(Locale.ROOT), plan.hasChanges(), plan.nodes(),
                plan.removals(), plan.versionChange().orElse(null), plan.pki().outcomes().stream()
                        .filter(outcome -> outcome.action() != PkiReport.Action.REUSED)
                        .map(outcome -> new Certificate(outcome.name() + ".crt",
                                outcome.action().name().toLowerCase(Locale.ROOT), outcome.reason()))
                        .toList(),
                plan.refusals(), plan.warnings());
    }
}
