package dev.etcdprovision.controller.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where workflows report what they do. Thread-safe: phases report from several hosts at once.
 * The text form prints each event as it happens; every form keeps the events for the summary.
 */
public abstract class Progress {
    private final List<Event> events = new ArrayList<>();

    public final synchronized void report(Event event) {
        events.add(event);
        show(event);
    }

    public final void report(String phase, String target, Outcome outcome, String detail, Duration took) {
        report(new Event(phase, target, outcome, detail, took));
    }

    public final void info(String phase, String target, String detail) {
        report(phase, target, Outcome.INFO, detail, Duration.ZERO);
    }

    public final void warning(String phase, String target, String detail) {
        report(phase, target, Outcome.WARNING, detail, Duration.ZERO);
    }

    /** Everything reported so far, in order. */
    public final synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Whether any step changed anything. */
    public final synchronized boolean changedAnything() {
        return events.stream().anyMatch(event -> event.outcome() == Outcome.CHANGED);
    }

    protected abstract void show(Event event);

    /** Prints nothing as it goes (JSON output prints one document at the end). */
    public static Progress quiet() {
        return new Progress() {
            @Override
            protected void show(Event event) {}
        };
    }
}
