package dev.etcdprovision.controller.cluster;

/** Member ids are unsigned 64-bit numbers; etcdctl shows them as 16 hex digits. */
public final class MemberIds {
    private MemberIds() {}

    public static String hex(long id) {
        return String.format("%016x", id);
    }

    public static long parse(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
