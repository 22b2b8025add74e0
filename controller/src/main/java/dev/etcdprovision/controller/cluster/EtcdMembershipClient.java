package dev.etcdprovision.controller.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.etcd.jetcd.maintenance.AlarmType;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link MembershipClient} over jetcd, with one jetcd client per member endpoint so that every
 * call goes exactly where it is meant to go (a status of member 2 is member 2's answer, a
 * leadership transfer is asked of the leader).
 *
 * <p>jetcd futures can wait forever, so every call is bounded by {@link #callTimeout()} and
 * cancelled after it. Clients do not wait for a channel to become ready: a member that is down
 * fails fast instead of holding the caller.
 */
public final class EtcdMembershipClient implements MembershipClient {
    private static final ByteSequence HEALTH_KEY = bytes("health");
    private static final Duration PROMOTE_RETRY = Duration.ofMillis(100);
    /** etcd says when the cluster has settled only when asked: ask often. */
    private static final Duration SETTLE_RETRY = Duration.ofMillis(50);
    /** Longer than etcd's HealthInterval (5 s), with room for a member that reconnects. */
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(30);

    private final List<URI> endpoints;
    private final ClientTls tls;
    private final Duration callTimeout;
    private final Map<URI, Client> clients = new LinkedHashMap<>();
    /** Clients dropped after a member did not answer; closed with this client (see {@link #forget}). */
    private final List<Client> retired = new ArrayList<>();
    /**
     * The event loops of every client. jetcd's default transport parks threads in native code on
     * grpc's shared event loops, which outlive the clients, and at exit the JVM waits 300 ms for
     * any thread in native code: a third of a no-op apply. On one Vert.x of its own, which jetcd
     * closes with a client, this client leaves none behind (see {@link #awaitTransportsStopped}).
     */
    private Vertx vertx;
    private SslContext sslContext;
    /** The endpoint that answered last: asked first next time. */
    private URI preferred;

    public EtcdMembershipClient(List<URI> endpoints, ClientTls tls, Duration callTimeout) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoints");
        }
        this.endpoints = List.copyOf(endpoints);
        this.tls = tls;
        this.callTimeout = callTimeout;
        this.preferred = this.endpoints.get(0);
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }

    @Override
    public List<ClusterMember> members() {
        return onAnyMember("list members", client -> client.getClusterClient().listMember(),
                response -> response.getMembers().stream().map(EtcdMembershipClient::member).toList());
    }

    @Override
    public ClusterMember addLearner(List<URI> peerUrls) {
        // Not retried on another member after a timeout: the first may have added it. The caller
        // reads the member list again and decides.
        return whileSettling(() -> onFirstAnsweringMember("add learner " + peerUrls,
                client -> client.getClusterClient().addMember(peerUrls, true),
                response -> member(response.getMember())));
    }

    @Override
    public void promote(long memberId, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        while (true) {
            try {
                onFirstAnsweringMember("promote " + MemberIds.hex(memberId),
                        client -> client.getClusterClient().promoteMember(memberId), response -> response);
                return;
            } catch (MembershipException e) {
                // "can only promote a learner member which is in sync with leader": not yet caught up
                boolean catchingUp = e.getMessage().contains("in sync with leader");
                if (!catchingUp || Instant.now().isAfter(giveUp)) {
                    throw catchingUp ? new MembershipException("learner " + MemberIds.hex(memberId)
                            + " did not catch up with the leader within " + deadline.toSeconds() + " s", e) : e;
                }
                sleep(PROMOTE_RETRY);
            }
        }
    }

    @Override
    public void remove(long memberId) {
        whileSettling(() -> onFirstAnsweringMember("remove member " + MemberIds.hex(memberId),
                client -> client.getClusterClient().removeMember(memberId), response -> response));
    }

    /**
     * etcd refuses a membership change ("unhealthy cluster") until every voting member has been
     * connected for 5 s (its HealthInterval): right after a member started or was promoted, the
     * next change must wait. Retries until the cluster has settled, for up to {@link #SETTLE_DEADLINE}.
     */
    private <T> T whileSettling(java.util.function.Supplier<T> change) {
        Instant giveUp = Instant.now().plus(SETTLE_DEADLINE);
        while (true) {
            try {
                return change.get();
            } catch (MembershipException e) {
                if (!e.getMessage().contains("unhealthy cluster") || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                sleep(SETTLE_RETRY);
            }
        }
    }

    @Override
    public void moveLeader(long toMemberId) {
        URI leader = leaderEndpoint();
        onMember(leader, "move leadership to " + MemberIds.hex(toMemberId) + " (asked " + leader + ")",
                client -> client.getMaintenanceClient().moveLeader(toMemberId), callTimeout);
    }

    /** The client URL of the member that leads, as some member reports it. */
    private URI leaderEndpoint() {
        List<ClusterMember> members = members();
        for (URI endpoint : endpoints) {
            try {
                MemberStatus status = status(endpoint);
                if (status.hasLeader()) {
                    return members.stream()
                            .filter(member -> member.id() == status.leaderId() && !member.clientUrls().isEmpty())
                            .map(member -> member.clientUrls().get(0))
                            .findFirst()
                            .orElseThrow(() -> new MembershipException("the leader "
                                    + MemberIds.hex(status.leaderId()) + " has no client URL"));
                }
            } catch (MembershipException unreachable) {
                // ask the next member
            }
        }
        throw new MembershipException("no member of " + endpoints + " knows a leader");
    }

    @Override
    public MemberStatus status(URI endpoint) {
        StatusResponse status = onMember(endpoint, "status of " + endpoint,
                client -> client.getMaintenanceClient().statusMember(endpoint.toString()), callTimeout);
        return new MemberStatus(endpoint, status.getHeader().getMemberId(), status.getVersion(),
                status.getLeader(), status.getRaftTerm(), status.getRaftIndex(), status.getRaftAppliedIndex(),
                status.getDbSize(), status.getDbSizeInUse(), status.isLearner(), status.getErrorList());
    }

    @Override
    public EndpointHealth health(URI endpoint) {
        Instant start = Instant.now();
        try {
            onMember(endpoint, "health of " + endpoint, client -> client.getKVClient().get(HEALTH_KEY), callTimeout);
            return EndpointHealth.healthy(endpoint, Duration.between(start, Instant.now()));
        } catch (MembershipException e) {
            // etcd itself counts "permission denied" as healthy: the member answered.
            Duration took = Duration.between(start, Instant.now());
            return e.getMessage().contains("permission denied")
                    ? EndpointHealth.healthy(endpoint, took)
                    : EndpointHealth.unhealthy(endpoint, took, e.getMessage());
        }
    }

    @Override
    public SnapshotInfo snapshot(URI endpoint, Path file) {
        long revision = onMember(endpoint, "revision of " + endpoint, client -> client.getKVClient().get(HEALTH_KEY),
                callTimeout).getHeader().getRevision();
        Path temporary = file.resolveSibling("." + file.getFileName() + ".partial");
        MessageDigest sha256 = sha256();
        try {
            // a snapshot holds every key, Kubernetes secrets included: readable by its owner only
            Path folder = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                // A snapshot of a large database takes longer than one call; allow it ten.
                onMember(endpoint, "snapshot from " + endpoint,
                        client -> client.getMaintenanceClient().snapshot(out), callTimeout.multipliedBy(10));
            }
            long size = Files.size(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new SnapshotInfo(file, endpoint, size, HexFormat.of().formatHex(sha256.digest()), revision);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot to " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: a partial file is named as such
            }
        }
    }

    @Override
    public void defragment(URI endpoint) {
        // Defragmenting rewrites the whole database file and blocks the member meanwhile.
        onMember(endpoint, "defragment " + endpoint,
                client -> client.getMaintenanceClient().defragmentMember(endpoint.toString()),
                callTimeout.multipliedBy(10));
    }

    @Override
    public List<Alarm> alarms() {
        return onAnyMember("list alarms", client -> client.getMaintenanceClient().listAlarms(),
                response -> response.getAlarms().stream()
                        .map(alarm -> new Alarm(alarm.getMemberId(), alarm.getAlarmType().name()))
                        .toList());
    }

    @Override
    public void disarm(Alarm alarm) {
        AlarmMember member = new AlarmMember(alarm.memberId(), AlarmType.valueOf(alarm.type()));
        onFirstAnsweringMember("disarm " + alarm.type() + " of " + MemberIds.hex(alarm.memberId()),
                client -> client.getMaintenanceClient().alarmDisarm(member), response -> response);
    }

    @Override
    public long revision() {
        return onAnyMember("read the revision", client -> client.getKVClient().get(HEALTH_KEY),
                response -> response.getHeader().getRevision());
    }

    @Override
    public void compact(long revision) {
        onFirstAnsweringMember("compact at revision " + revision,
                client -> client.getKVClient().compact(revision, CompactOption.newBuilder().withCompactPhysical(true).build()),
                response -> response);
    }

    @Override
    public void put(String key, String value) {
        onFirstAnsweringMember("put " + key, client -> client.getKVClient().put(bytes(key), bytes(value)),
                response -> response);
    }

    @Override
    public Optional<String> get(String key) {
        return onAnyMember("get " + key,
                client -> client.getKVClient().get(bytes(key), GetOption.newBuilder().withSerializable(false).build()),
                response -> response.getKvs().stream().findFirst().map(KeyValue::getValue)
                        .map(value -> value.toString(StandardCharsets.UTF_8)));
    }

    @Override
    public void put(URI endpoint, String key, String value) {
        onMember(endpoint, "put " + key + " through " + endpoint,
                client -> client.getKVClient().put(bytes(key), bytes(value)), callTimeout);
    }

    @Override
    public Optional<String> get(URI endpoint, String key) {
        return onMember(endpoint, "get " + key + " through " + endpoint,
                client -> client.getKVClient().get(bytes(key), GetOption.newBuilder().withSerializable(false).build()),
                callTimeout).getKvs().stream().findFirst().map(KeyValue::getValue)
                .map(value -> value.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void delete(String key) {
        onFirstAnsweringMember("delete " + key, client -> client.getKVClient().delete(bytes(key)), response -> response);
    }

    @Override
    public synchronized void close() {
        // jetcd closes the shared Vert.x with the first client; the others just let go
        clients.values().forEach(Client::close);
        retired.forEach(Client::close);
        clients.clear();
        retired.clear();
        vertx = null;
    }

    /**
     * Waits, at most {@code max}, until the event loop threads of closed clients have ended: Vert.x
     * completes its close a moment before they do. For the last close before the JVM exits.
     */
    public static void awaitTransportsStopped(Duration max) {
        Instant giveUp = Instant.now().plus(max);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("vert.x-eventloop-thread-")) {
                long left = Duration.between(Instant.now(), giveUp).toMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    thread.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A read-only call: asked of each member in turn (the last that answered first) until one
     * answers. An etcd error that is an answer (e.g. "member not found") is not retried elsewhere.
     */
    private <R, T> T onAnyMember(String operation, Function<Client, CompletableFuture<R>> request,
                                 Function<R, T> answer) {
        List<String> failures = new ArrayList<>();
        for (URI endpoint : inPreferredOrder()) {
            try {
                T result = answer.apply(onMember(endpoint, operation + " (asked " + endpoint + ")", request,
                        callTimeout));
                preferred = endpoint;
                return result;
            } catch (UnreachableException e) {
                failures.add(e.getMessage());
            }
        }
        throw new MembershipException("cannot " + operation + ": no member answered: " + String.join("; ", failures));
    }

    /**
     * A call that changes the cluster: asked of the first member that can be reached. Once a member
     * has taken the request, it is not sent to another, even if the answer never came.
     */
    private <R, T> T onFirstAnsweringMember(String operation, Function<Client, CompletableFuture<R>> request,
                                            Function<R, T> answer) {
        List<String> failures = new ArrayList<>();
        for (URI endpoint : inPreferredOrder()) {
            if (!status(endpoint, failures)) {
                continue;
            }
            T result = answer.apply(onMember(endpoint, operation + " (asked " + endpoint + ")", request, callTimeout));
            preferred = endpoint;
            return result;
        }
        throw new MembershipException("cannot " + operation + ": no member answered: " + String.join("; ", failures));
    }

    /** Whether the member answers a status call (it can take a request); records why not. */
    private boolean status(URI endpoint, List<String> failures) {
        try {
            status(endpoint);
            return true;
        } catch (MembershipException e) {
            failures.add(e.getMessage());
            return false;
        }
    }

    private List<URI> inPreferredOrder() {
        List<URI> ordered = new ArrayList<>(endpoints);
        ordered.remove(preferred);
        ordered.add(0, preferred);
        return ordered;
    }

    /**
     * A call to one member. When it does not answer, its channel is dropped: gRPC would otherwise
     * keep failing fast during its reconnect backoff (a second and more) after the member is back,
     * and a restart would look slower than it is.
     */
    private <R> R onMember(URI endpoint, String operation, Function<Client, CompletableFuture<R>> request,
                           Duration timeout) {
        try {
            return call(operation, request.apply(client(endpoint)), timeout);
        } catch (UnreachableException e) {
            forget(endpoint);
            throw e;
        }
    }

    /**
     * Drops a member's client so the next call builds a fresh channel. It is not closed yet:
     * jetcd would close the Vert.x the other clients share.
     */
    private synchronized void forget(URI endpoint) {
        Client client = clients.remove(endpoint);
        if (client != null) {
            retired.add(client);
        }
    }

    private <R> R call(String operation, CompletableFuture<R> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new UnreachableException(operation + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw EtcdErrors.translate(operation, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new MembershipException(operation + ": interrupted", e);
        }
    }

    private synchronized Client client(URI endpoint) {
        if (vertx == null) {
            // two event loops carry a handful of connections; the default is twice the cores
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setUseDaemonThread(true));
        }
        return clients.computeIfAbsent(endpoint, uri -> Client.builder()
                .endpoints(uri)
                .useVertx()
                .vertx(vertx)
                .sslContext(sslContext())
                .waitForReady(false)
                // failing over to another member is this class's job; jetcd's own retries only
                // delay the answer that a member is down
                .retryMaxAttempts(0)
                .connectTimeout(callTimeout)
                .build());
    }

    private synchronized SslContext sslContext() {
        if (sslContext == null) {
            sslContext = tls.sslContext();
        }
        return sslContext;
    }

    private static ClusterMember member(Member member) {
        return new ClusterMember(member.getId(), member.getName(), member.getPeerURIs(), member.getClientURIs(),
                member.isLearner());
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MembershipException("interrupted", e);
        }
    }
}
