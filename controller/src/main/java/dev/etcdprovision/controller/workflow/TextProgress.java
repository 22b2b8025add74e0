package dev.etcdprovision.controller.workflow;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints {@code [phase] target: detail (outcome, 0.42 s)} lines as events happen. */
public final class TextProgress extends Progress {
    private final PrintWriter out;

    public TextProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    protected void show(Event event) {
        out.println(format(event));
        out.flush();
    }

    public static String format(Event event) {
        StringBuilder line = new StringBuilder()
                .append('[').append(event.phase()).append("] ")
                .append(event.target()).append(": ")
                .append(event.detail());
        switch (event.outcome()) {
            case CHANGED, UNCHANGED -> line.append(String.format(Locale.ROOT, " (%s, %.2f s)",
                    event.outcome().label(), event.took().toMillis() / 1000.0));
            case WARNING -> line.insert(0, "WARNING ");
            case FAILED -> line.append(" (failed)");
            case INFO -> {
                if (!event.took().isZero()) {
                    line.append(String.format(Locale.ROOT, " (%.2f s)", event.took().toMillis() / 1000.0));
                }
            }
        }
        return line.toString();
    }
}
