package dev.etcdprovision.agent.release;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checksum file as published next to release archives: {@code sha256sum} lines
 * ({@code HASH  NAME}, {@code HASH *NAME}) or BSD lines ({@code SHA256 (NAME) = HASH}).
 */
final class Sha256Sums {
    private static final Pattern GNU = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");
    private static final Pattern BSD = Pattern.compile("SHA256 \\((.+)\\) = ([0-9a-fA-F]{64})");

    private Sha256Sums() {}

    /** File name to lower-case hex sha256; lines of other shapes (comments, other hashes) are skipped. */
    static Map<String, String> parse(String text) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            Matcher gnu = GNU.matcher(line.strip());
            Matcher bsd = BSD.matcher(line.strip());
            if (gnu.matches()) {
                sums.put(fileName(gnu.group(2)), gnu.group(1).toLowerCase(Locale.ROOT));
            } else if (bsd.matches()) {
                sums.put(fileName(bsd.group(1)), bsd.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return sums;
    }

    private static String fileName(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }
}
