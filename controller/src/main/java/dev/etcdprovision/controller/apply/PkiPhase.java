package dev.etcdprovision.controller.apply;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.pki.PkiException;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The CA and every certificate in the PKI folder on this machine: created, kept, or reissued with the reason. */
final class PkiPhase {
    static final String NAME = "pki";

    private PkiPhase() {}

    /** What the PKI phase would do, changing nothing; a PKI folder that must not be repaired stops here. */
    static PkiReport assess(Inventory inventory) {
        try {
            return new PkiGenerator().assess(inventory, Instant.now());
        } catch (PkiException e) {
            throw new PhaseFailure(NAME, PhaseFailure.Kind.INVALID_INPUT,
                    List.of(new PhaseFailure.TargetFailure("controller", e.getMessage(), "")), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PKI folder " + inventory.pki().dir(), e);
        }
    }

    static PkiReport run(Inventory inventory, Progress progress) {
        Instant start = Instant.now();
        PkiReport report;
        try {
            report = new PkiGenerator().generate(inventory, start);
        } catch (PkiException e) {
            throw new PhaseFailure(NAME, PhaseFailure.Kind.INVALID_INPUT,
                    List.of(new PhaseFailure.TargetFailure("controller", e.getMessage(), "")), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PKI folder " + inventory.pki().dir(), e);
        }
        Duration took = Duration.between(start, Instant.now());
        for (PkiReport.Outcome outcome : report.outcomes()) {
            if (outcome.action() != PkiReport.Action.REUSED) {
                progress.report(NAME, "controller", Outcome.CHANGED, outcome.action().name().toLowerCase()
                        + " " + outcome.name() + ".crt" + (outcome.reason().isEmpty() ? "" : ": " + outcome.reason()),
                        took);
            }
        }
        if (!report.changed()) {
            progress.report(NAME, "controller", Outcome.UNCHANGED, report.outcomes().size()
                    + " certificates in " + report.dir() + " reused", took);
        }
        return report;
    }
}
