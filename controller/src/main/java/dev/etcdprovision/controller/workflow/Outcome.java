package dev.etcdprovision.controller.workflow;

/** What a step did to one target. */
public enum Outcome {
    /** Something on the host or in the cluster was changed. */
    CHANGED,
    /** Already as wanted; nothing was touched. */
    UNCHANGED,
    /** A fact worth telling (a reading, a decision). */
    INFO,
    /** Not a failure, but the operator should look (clock offset, expiring certificate). */
    WARNING,
    /** The step failed on this target. */
    FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
