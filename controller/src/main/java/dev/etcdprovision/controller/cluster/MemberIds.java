package dev.etcdprovision.controller.cluster;

/** Member ids are unsigned 64-bit numbers; etcdctl shows them in hex, without leading zeros. */
public final class MemberIds {
    private MemberIds() {}

    public static String hex(long id) {
        return Long.toHexString(id);
    }

    public static long parse(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
