package dev.etcdprovision.controller.inventory;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the inventory writes them, in etcd's (Go's) style: {@code 100ms}, {@code 5s}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern FORMAT =
            Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,9})s)?(?:(\\d{1,12})ms)?");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (text.isBlank() || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number with a unit:"
                    + " ms, s, m or h (e.g. 100ms, 5s, 1h30m)");
        }
        return Duration.ofHours(part(matcher, 1)).plusMinutes(part(matcher, 2))
                .plusSeconds(part(matcher, 3)).plusMillis(part(matcher, 4));
    }

    /** The shortest form that {@link #parse} reads back, e.g. {@code 100ms}, {@code 1h30m}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static long part(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Long.parseLong(matcher.group(group));
    }
}
