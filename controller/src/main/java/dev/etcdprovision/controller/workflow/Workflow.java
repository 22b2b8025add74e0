package dev.etcdprovision.controller.workflow;

import java.util.List;
import java.util.function.BiFunction;

/**
 * An ordered list of phases run against one context. A failure stops the workflow and names the
 * phase it happened in; what the earlier phases did stays done (each is idempotent, so a re-run
 * skips it and continues where this run stopped).
 */
public final class Workflow<C> {
    private final List<Phase<C>> phases;
    private final BiFunction<String, Exception, PhaseFailure> describeFailure;

    /**
     * @param describeFailure turns an exception that a phase did not describe itself into a
     *     {@link PhaseFailure} of that phase (with a hint where one is known)
     */
    public Workflow(List<Phase<C>> phases, BiFunction<String, Exception, PhaseFailure> describeFailure) {
        this.phases = List.copyOf(phases);
        this.describeFailure = describeFailure;
    }

    public List<String> phaseNames() {
        return phases.stream().map(Phase::name).toList();
    }

    public void run(C context) {
        for (Phase<C> phase : phases) {
            try {
                phase.run(context);
            } catch (PhaseFailure failure) {
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PhaseFailure.on(phase.name(), "controller", "interrupted", "run the command again to finish");
            } catch (Exception e) {
                throw describeFailure.apply(phase.name(), e);
            }
        }
    }
}
