package dev.etcdprovision.controller.observe;

import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.cluster.MemberStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster said about itself: its members, and for each member that answered its status
 * and health. A cluster that did not answer has no members here and says why in {@code problem}.
 */
public record ClusterObservation(List<ClusterMember> members, Map<Long, MemberStatus> statuses,
        Map<Long, EndpointHealth> health, Optional<String> problem) {

    public ClusterObservation {
        members = List.copyOf(members);
        statuses = Map.copyOf(statuses);
        health = Map.copyOf(health);
    }

    public static ClusterObservation silent(String problem) {
        return new ClusterObservation(List.of(), Map.of(), Map.of(), Optional.of(problem));
    }

    /** Whether some member answered with the member list. */
    public boolean answered() {
        return !members.isEmpty();
    }

    /** Whether the cluster can serve linearizable requests: some member passed the health check. */
    public boolean hasQuorum() {
        return health.values().stream().anyMatch(EndpointHealth::healthy);
    }

    public boolean healthy(long memberId) {
        EndpointHealth check = health.get(memberId);
        return check != null && check.healthy();
    }

    /** The leader as the members that answered report it. */
    public Optional<Long> leaderId() {
        return statuses.values().stream().filter(MemberStatus::hasLeader).map(MemberStatus::leaderId).findFirst();
    }

    public List<ClusterMember> voters() {
        return members.stream().filter(member -> !member.learner()).toList();
    }

    /** The versions the members run, as their status reports them. */
    public List<String> runningVersions() {
        return statuses.values().stream().map(MemberStatus::version).distinct().sorted().toList();
    }
}
