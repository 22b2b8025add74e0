package dev.etcdprovision.controller.inventory;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An etcd release version, {@code major.minor.patch}, ordered as releases are. */
public record EtcdVersion(int major, int minor, int patch) implements Comparable<EtcdVersion> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");
    private static final Comparator<EtcdVersion> ORDER = Comparator.comparingInt(EtcdVersion::major)
            .thenComparingInt(EtcdVersion::minor).thenComparingInt(EtcdVersion::patch);

    public static EtcdVersion parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an etcd version; write it as"
                    + " major.minor.patch without a 'v', e.g. 3.5.16");
        }
        return new EtcdVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    /** Whether this is {@code other} or a later release; for {@code <#if etcd.version.atLeast("3.5.5")>}. */
    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    /** The release series, e.g. {@code 3.5}. */
    public String series() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(EtcdVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
