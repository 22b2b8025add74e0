package dev.etcdprovision.controller.plan;

import java.util.List;

/**
 * What apply will do on one inventory node.
 *
 * @param install whether the release's binaries go to the node (missing or different)
 * @param files the files that will be written, with what changes
 * @param serviceReason why the service starts or restarts, for the progress line
 * @param leader whether the node leads the cluster now (it restarts last, after handing over)
 * @param moveDataAside whether an old data dir is moved aside first (a node joining anew)
 */
public record NodePlan(String name, Role role, boolean install, List<FileChange> files, Service service,
        String serviceReason, boolean leader, boolean moveDataAside) {

    /** How the node stands with the cluster. */
    public enum Role {
        /** One of the members of a new cluster. */
        FORMING(false),
        /** A voting member that has started. */
        MEMBER(false),
        /** A learner that has started and waits for its promotion. */
        LEARNER(false),
        /** Added to the cluster (by an interrupted run) but never started. */
        ADDED(true),
        /** Not a member: joins as a learner, catches up, is promoted. */
        JOINING(true),
        /** A member with data while the cluster has no quorum: started if it is down. */
        RESUMING(false);

        private final boolean joins;

        Role(boolean joins) {
            this.joins = joins;
        }

        /** Whether the node still has to start as a new member (one at a time, as a learner first). */
        public boolean joins() {
            return joins;
        }
    }

    /** What happens to the etcd service. */
    public enum Service { NONE, START, RESTART }

    public NodePlan {
        files = List.copyOf(files);
    }

    public boolean hasChanges() {
        return install || !files.isEmpty() || service != Service.NONE || moveDataAside || role.joins()
                || role == Role.LEARNER;
    }
}
