package dev.etcdprovision.controller.cluster;

import java.net.URI;
import java.util.List;

/** What one member says about itself (etcd's Maintenance.Status). */
public record MemberStatus(
        URI endpoint,
        long memberId,
        String version,
        long leaderId,
        long raftTerm,
        long raftIndex,
        long raftAppliedIndex,
        long dbSize,
        long dbSizeInUse,
        boolean learner,
        List<String> errors) {

    public MemberStatus {
        errors = List.copyOf(errors);
    }

    public boolean isLeader() {
        return memberId == leaderId && leaderId != 0;
    }

    /** Whether this member knows a leader at all (a member cut off from quorum does not). */
    public boolean hasLeader() {
        return leaderId != 0;
    }
}
