package dev.etcdprovision.controller.apply;

import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.MemberStatus;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The cluster's state as it is now, asked just before a step that could cost it its quorum. */
final class Quorum {
    private final MembershipClient client;
    private final List<ClusterMember> members;

    private Quorum(MembershipClient client, List<ClusterMember> members) {
        this.client = client;
        this.members = members;
    }

    static Quorum now(MembershipClient client) {
        return new Quorum(client, client.members());
    }

    List<ClusterMember> members() {
        return members;
    }

    Optional<ClusterMember> member(String name) {
        return members.stream().filter(member -> member.name().equals(name)).findFirst();
    }

    List<ClusterMember> voters() {
        return members.stream().filter(member -> !member.learner()).toList();
    }

    boolean healthy(ClusterMember member) {
        return !member.clientUrls().isEmpty() && client.health(member.clientUrls().get(0)).healthy();
    }

    /** The leader's id, as the first member that knows one reports it. */
    Optional<Long> leaderId() {
        for (ClusterMember member : voters()) {
            if (member.clientUrls().isEmpty()) {
                continue;
            }
            try {
                MemberStatus status = client.status(member.clientUrls().get(0));
                if (status.hasLeader()) {
                    return Optional.of(status.leaderId());
                }
            } catch (MembershipException down) {
                // ask the next one
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses to take {@code leaving} out (a restart or a removal) when the healthy voting members
     * left would be fewer than a quorum of {@code votersAfter}. A one-member cluster is the
     * exception: it cannot restart without a pause, and has no one to lose.
     */
    void requireQuorumWithout(ClusterMember leaving, int votersAfter, String phase, String action) {
        List<ClusterMember> voters = voters();
        if (voters.size() == 1 && voters.get(0).id() == leaving.id() && votersAfter == 1) {
            return;
        }
        long healthyOthers = voters.stream().filter(member -> member.id() != leaving.id()).filter(this::healthy).count();
        int quorum = votersAfter / 2 + 1;
        if (healthyOthers < quorum) {
            throw PhaseFailure.on(phase, leaving.name().isEmpty() ? leaving.idHex() : leaving.name(),
                    action + " would leave " + healthyOthers + " healthy voting member(s), fewer than the " + quorum
                            + " a quorum needs", "bring the members that are down back first (`etcd-provision"
                            + " status` shows them), then run the command again");
        }
    }

    /**
     * Hands leadership away from {@code from} when it leads, to a healthy voter (one of {@code
     * preferred} if possible); returns whether it moved.
     */
    boolean moveLeadershipAway(ClusterMember from, List<String> preferred) {
        if (leaderId().filter(id -> id == from.id()).isEmpty()) {
            return false;
        }
        List<ClusterMember> candidates = voters().stream().filter(member -> member.id() != from.id())
                .filter(this::healthy)
                .sorted((a, b) -> Boolean.compare(!preferred.contains(a.name()), !preferred.contains(b.name())))
                .toList();
        if (candidates.isEmpty()) {
            return false;
        }
        client.moveLeader(candidates.get(0).id());
        return true;
    }

    static URI clientUrl(ClusterMember member) {
        return member.clientUrls().get(0);
    }

    /**
     * Removes {@code member}, only while the members left keep a quorum, leadership handed over
     * first if it leads; returns whether leadership moved.
     */
    boolean removeKeepingQuorum(ClusterMember member, String phase, String what) {
        requireQuorumWithout(member, voters().size() - (member.learner() ? 0 : 1), phase, what);
        boolean moved = moveLeadershipAway(member, List.of());
        client.remove(member.id());
        return moved;
    }
}
