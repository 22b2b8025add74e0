package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.workflow.Event;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import java.time.Duration;
import java.util.List;

/** What the JSON reports of the commands that change a cluster share: their events and failure. */
final class CommandReports {
    private CommandReports() {}

    /** One progress line. */
    record EventJson(String phase, String target, String outcome, String detail, double seconds) {}

    /** The phase that failed, and on which targets why, with what to do. */
    record FailureJson(String phase, List<PhaseFailure.TargetFailure> failures) {}

    static List<EventJson> events(Progress progress) {
        return progress.events().stream().map(CommandReports::json).toList();
    }

    /** Null when there was no failure (JSON's way of saying none). */
    static FailureJson failure(PhaseFailure failure) {
        return failure == null ? null : new FailureJson(failure.phase(), failure.failures());
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static EventJson json(Event event) {
        return new EventJson(event.phase(), event.target(), event.outcome().label(), event.detail(),
                seconds(event.took()));
    }
}
