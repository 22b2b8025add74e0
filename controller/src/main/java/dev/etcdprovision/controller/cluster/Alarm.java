package dev.etcdprovision.controller.cluster;

/** A raised alarm: NOSPACE (the backend quota is reached) or CORRUPT. */
public record Alarm(long memberId, String type) {
    public static final String NOSPACE = "NOSPACE";
    public static final String CORRUPT = "CORRUPT";
}
