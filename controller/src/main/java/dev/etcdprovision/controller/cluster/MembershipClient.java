package dev.etcdprovision.controller.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's side of every workflow: membership changes and the maintenance calls, as one
 * member or the whole cluster answers them. Every call is bounded by a timeout; nothing waits
 * forever for a member that does not answer.
 *
 * <p>Cluster-wide calls (members, add, remove, promote, KV) go to the first endpoint that
 * answers; per-member calls (status, health, defragment) go to the member asked.
 */
public interface MembershipClient extends AutoCloseable {

    /** The member list, from the first endpoint that answers. */
    List<ClusterMember> members();

    /** Adds a member as a non-voting learner; returns it (its name is empty until it starts). */
    ClusterMember addLearner(List<URI> peerUrls);

    /**
     * Promotes a learner to a voting member. etcd refuses until the learner has caught up with
     * the leader's log, so this retries until {@code deadline} has passed.
     */
    void promote(long memberId, Duration deadline);

    void remove(long memberId);

    /** Hands leadership to {@code toMemberId}; asks the current leader, as etcd requires. */
    void moveLeader(long toMemberId);

    MemberStatus status(URI endpoint);

    /** A linearizable read on that member alone, like {@code etcdctl endpoint health}. */
    EndpointHealth health(URI endpoint);

    /** Streams a snapshot from {@code endpoint} to {@code file} (temp file + rename). */
    SnapshotInfo snapshot(URI endpoint, Path file);

    void defragment(URI endpoint);

    List<Alarm> alarms();

    void disarm(Alarm alarm);

    /** The store's current revision. */
    long revision();

    /** Compacts the key-value history up to {@code revision}, physically (waits for it). */
    void compact(long revision);

    void put(String key, String value);

    Optional<String> get(String key);

    void delete(String key);

    /** A write through one member (it forwards it to the leader). */
    void put(URI endpoint, String key, String value);

    /** A linearizable read through one member. */
    Optional<String> get(URI endpoint, String key);

    /** The timeout of a single call. */
    Duration callTimeout();

    @Override
    void close();
}
