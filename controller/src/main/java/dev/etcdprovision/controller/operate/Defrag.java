package dev.etcdprovision.controller.operate;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.apply.Failures;
import dev.etcdprovision.controller.cluster.Alarm;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.MemberIds;
import dev.etcdprovision.controller.cluster.MemberStatus;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.inventory.ByteSize;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.Observer;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import dev.etcdprovision.controller.workflow.Progress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code defrag}, the runbook's "shrink the database": compact the key history, then defragment
 * one member at a time, followers first and the leader last (a member is blocked while its
 * database file is rewritten; the leader's pause would cost an election), then disarm a NOSPACE
 * alarm, as the space is back.
 */
public final class Defrag {
    static final String NAME = "defrag";

    private final ClusterAccess access;
    private final Progress progress;

    /** What was done to one member, in the order done; sizes in bytes. */
    public record MemberResult(String name, String endpoint, String memberId, boolean leader, long dbSizeBefore,
            long dbSizeInUseBefore, long dbSizeAfter, long dbSizeInUseAfter, Duration took) {}

    /**
     * @param compactedAt the revision compacted at; null when nothing was compacted (nothing to
     *     compact, or the history was compacted that far already)
     * @param disarmed the NOSPACE alarms disarmed, by member id
     */
    public record Result(long revision, Long compactedAt, List<MemberResult> members, List<String> disarmed) {}

    public Defrag(ClusterAccess access, Progress progress) {
        this.access = access;
        this.progress = progress;
    }

    /**
     * Compacts at the current revision minus {@code keepRevisions}, then defragments every member.
     * Refuses (before any change) unless every member answers and every voting member is healthy:
     * each member is blocked in turn, which a cluster already missing one may not survive.
     */
    public Result run(long keepRevisions) {
        if (keepRevisions < 0) {
            throw new IllegalArgumentException("the revisions to keep cannot be negative: " + keepRevisions);
        }
        try {
            return compactAndDefragment(keepRevisions);
        } catch (PhaseFailure failure) {
            throw failure;
        } catch (RuntimeException e) {
            throw Failures.of(NAME, e);
        }
    }

    private Result compactAndDefragment(long keepRevisions) {
        ClusterObservation cluster = new Observer(access).observeCluster().join();
        requireEveryMemberHealthy(cluster);
        MembershipClient client = access.cluster();
        long revision = client.revision();
        Long compactedAt = compact(client, revision, keepRevisions);
        List<ClusterMember> order = leaderLast(inInventoryOrder(cluster.members()),
                member -> cluster.leaderId().filter(id -> id == member.id()).isPresent());
        List<MemberResult> results = new ArrayList<>();
        for (ClusterMember member : order) {
            results.add(defragment(client, member, cluster.leaderId().filter(id -> id == member.id()).isPresent()));
        }
        return new Result(revision, compactedAt, results, disarmNoSpace(client));
    }

    /** The members in the given order, with the one that {@code leads} moved to the end. */
    public static <T> List<T> leaderLast(List<T> members, Predicate<T> leads) {
        List<T> ordered = new ArrayList<>(members.stream().filter(leads.negate()).toList());
        ordered.addAll(members.stream().filter(leads).toList());
        return ordered;
    }

    private List<ClusterMember> inInventoryOrder(List<ClusterMember> members) {
        List<String> names = access.inventory().nodeNames();
        return members.stream().sorted(Comparator.comparingInt(member -> {
            int index = names.indexOf(member.name());
            return index < 0 ? names.size() : index;
        })).toList();
    }

    private static void requireEveryMemberHealthy(ClusterObservation cluster) {
        List<PhaseFailure.TargetFailure> problems = new ArrayList<>();
        String hint = "bring it back first (`etcd-provision status` shows the members): each member is blocked"
                + " while it is defragmented, which a cluster already missing one may not survive";
        if (!cluster.answered()) {
            problems.add(new PhaseFailure.TargetFailure("cluster", "no member answered: "
                    + cluster.problem().orElse(""), hint));
        }
        for (ClusterMember member : cluster.members()) {
            String name = member.neverStarted() ? member.idHex() : member.name();
            if (member.neverStarted() || !cluster.statuses().containsKey(member.id())) {
                problems.add(new PhaseFailure.TargetFailure(name, "did not answer", hint));
            } else if (!member.learner() && !cluster.healthy(member.id())) {
                problems.add(new PhaseFailure.TargetFailure(name, "is not healthy: "
                        + cluster.health().get(member.id()).error(), hint));
            }
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure(NAME, PhaseFailure.Kind.PREFLIGHT, problems, null);
        }
    }

    /** Compacts the history up to {@code revision - keep}; returns that revision, or null when nothing was done. */
    private Long compact(MembershipClient client, long revision, long keep) {
        long target = revision - keep;
        if (target < 1) {
            progress.info(NAME, "cluster", "nothing to compact: the store is at revision " + revision);
            return null;
        }
        Instant start = Instant.now();
        try {
            client.compact(target);
        } catch (MembershipException e) {
            if (e.getMessage().contains("required revision has been compacted")) {
                progress.report(NAME, "cluster", Outcome.UNCHANGED, "the history is compacted up to revision "
                        + target + " or later already", Duration.between(start, Instant.now()));
                return null;
            }
            throw e;
        }
        progress.report(NAME, "cluster", Outcome.CHANGED, "compacted the history up to revision " + target
                + (keep == 0 ? " (the current one)" : " (keeping the last " + keep + ")"),
                Duration.between(start, Instant.now()));
        return target;
    }

    private MemberResult defragment(MembershipClient client, ClusterMember member, boolean leader) {
        Instant start = Instant.now();
        URI endpoint = member.clientUrls().get(0);
        MemberStatus before = client.status(endpoint);
        client.defragment(endpoint);
        MemberStatus after = client.status(endpoint);
        Duration took = Duration.between(start, Instant.now());
        progress.report(NAME, member.name(), Outcome.CHANGED, (leader ? "the leader, last: " : "")
                + "database " + new ByteSize(before.dbSize()).approximate() + " -> "
                + new ByteSize(after.dbSize()).approximate() + " (in use " + new ByteSize(after.dbSizeInUse())
                .approximate() + ")", took);
        return new MemberResult(member.name(), endpoint.toString(), member.idHex(), leader, before.dbSize(),
                before.dbSizeInUse(), after.dbSize(), after.dbSizeInUse(), took);
    }

    /** Disarms every NOSPACE alarm (the space is back); a CORRUPT alarm stays, and is reported. */
    private List<String> disarmNoSpace(MembershipClient client) {
        List<String> disarmed = new ArrayList<>();
        for (Alarm alarm : client.alarms()) {
            String member = MemberIds.hex(alarm.memberId());
            if (alarm.type().equals(Alarm.NOSPACE)) {
                client.disarm(alarm);
                disarmed.add(member);
                progress.report(NAME, "cluster", Outcome.CHANGED, "disarmed the NOSPACE alarm of member " + member
                        + ": writes are accepted again", Duration.ZERO);
            } else {
                progress.warning(NAME, "cluster", "member " + member + " raised a " + alarm.type() + " alarm, which"
                        + " defrag does not clear: look at its journal (etcd-provision logs NODE)");
            }
        }
        return disarmed;
    }
}
