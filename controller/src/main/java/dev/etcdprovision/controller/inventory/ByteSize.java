package dev.etcdprovision.controller.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes, written in the inventory as {@code 8GiB}, {@code 1536KiB} or a plain byte count. */
public record ByteSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB|TiB)?");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static ByteSize ofKiB(long kib) {
        return new ByteSize(kib << 10);
    }

    public static ByteSize ofGiB(long gib) {
        return new ByteSize(gib << 30);
    }

    /** Parses {@code 8GiB}, {@code 512MiB}, {@code 1536KiB}, {@code 100B} or {@code 1048576}. */
    public static ByteSize parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write a whole number of bytes"
                    + " or one with a unit: B, KiB, MiB, GiB or TiB (e.g. 8GiB)");
        }
        int shift = switch (matcher.group(2) == null ? "B" : matcher.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        long number;
        try {
            number = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size", e);
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return new ByteSize(number << shift);
    }

    /** For people: the largest unit it is at least one of, with one decimal, e.g. {@code 24.1 MiB}, {@code 512 B}. */
    public String approximate() {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes / 1024.0;
        int unit = 0;
        while (unit < units.length - 1 && value >= 1024) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The largest whole unit that fits exactly, e.g. {@code 8GiB}, {@code 1536KiB}. */
    @Override
    public String toString() {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        long value = bytes;
        int unit = 0;
        while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
