package dev.etcdprovision.controller.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.cluster.Alarm;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.cluster.MemberStatus;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.operate.ClusterStatus.Report;
import dev.etcdprovision.controller.operate.ClusterStatus.Row;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows of {@code status}, from made-up answers of a cluster: nothing is left out, every problem said. */
class ClusterStatusTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final long LEADER = 0xa1;

    @TempDir
    Path folder;
    private Inventory inventory;
    private final Map<Long, MemberStatus> statuses = new HashMap<>();
    private final Map<Long, EndpointHealth> health = new HashMap<>();

    @BeforeEach
    void inventory() throws Exception {
        Files.writeString(folder.resolve("id_ed25519"), "key\n");
        inventory = new InventoryLoader().load(Files.writeString(folder.resolve("inventory.yaml"), """
                cluster: {name: k8s1, etcdVersion: 3.5.16}
                ssh: {identityFile: id_ed25519}
                nodes:
                  - {name: etcd1, address: 192.0.2.1}
                  - {name: etcd2, address: 192.0.2.2}
                  - {name: etcd3, address: 192.0.2.3}
                """));
    }

    private static ClusterMember member(long id, String name, int host, boolean learner) {
        return new ClusterMember(id, name, List.of(URI.create("https://192.0.2." + host + ":2380")),
                name.isEmpty() ? List.of() : List.of(URI.create("https://192.0.2." + host + ":2379")), learner);
    }

    /** A member that answers: status and a passed health check. */
    private ClusterMember answering(long id, String name, int host) {
        URI endpoint = URI.create("https://192.0.2." + host + ":2379");
        statuses.put(id, new MemberStatus(endpoint, id, "3.5.16", LEADER, 4, 120 + host, 120 + host, 2_000_000L * host,
                1_000_000L * host, false, List.of()));
        health.put(id, EndpointHealth.healthy(endpoint, Duration.ofMillis(3)));
        return member(id, name, host, false);
    }

    private Report report(List<ClusterMember> members, List<Alarm> alarms) {
        ClusterObservation cluster = new ClusterObservation(members, statuses, health, Optional.empty());
        return ClusterStatus.of(inventory, cluster, alarms,
                name -> name.equals("etcd1") ? Optional.of(NOW.plus(Duration.ofDays(400)).plusSeconds(60))
                        : Optional.empty(), NOW);
    }

    @Test
    void aHealthyClusterHasOneRowPerMemberInInventoryOrderWithEveryValue() {
        Report report = report(List.of(answering(0xc3, "etcd3", 3), answering(LEADER, "etcd1", 1),
                answering(0xb2, "etcd2", 2)), List.of());

        assertTrue(report.healthy());
        assertEquals("etcd1", report.leader());
        assertEquals(List.of("etcd1", "etcd2", "etcd3"), report.rows().stream().map(Row::name).toList());
        Row first = report.rows().get(0);
        assertEquals(new Row("etcd1", "https://192.0.2.1:2379", "a1", true, true, "3.5.16", true, false,
                4L, 121L, 2_000_000L, 1_000_000L, List.of(), 400L, true, null), first);
        assertEquals(false, report.rows().get(1).leader());
        assertNull(report.rows().get(1).certificateDaysLeft(), "no certificates in the PKI folder for etcd2");
    }

    @Test
    void anUnreachableMemberIsShownWithItsErrorAndTheClusterNeedsAttention() {
        ClusterMember dead = member(0xc3, "etcd3", 3, false);
        health.put(0xc3L, EndpointHealth.unhealthy(URI.create("https://192.0.2.3:2379"), Duration.ofSeconds(5),
                "health of https://192.0.2.3:2379: UNAVAILABLE: io exception"));
        Report report = report(List.of(answering(LEADER, "etcd1", 1), answering(0xb2, "etcd2", 2), dead), List.of());

        assertFalse(report.healthy());
        Row row = report.rows().get(2);
        assertEquals("etcd3", row.name());
        assertEquals("c3", row.memberId());
        assertNull(row.version());
        assertNull(row.dbSize());
        assertFalse(row.healthy());
        assertEquals("unreachable: health of https://192.0.2.3:2379: UNAVAILABLE: io exception", row.problem());
        assertEquals(List.of(row), report.needingAttention());
    }

    @Test
    void anAlarmANonMemberAndAMemberOutsideTheInventoryEachNeedAttention() {
        ClusterMember stranger = answering(0xd4, "etcd4", 4);
        Report report = report(List.of(answering(LEADER, "etcd1", 1), answering(0xb2, "etcd2", 2), stranger),
                List.of(new Alarm(0xb2, Alarm.NOSPACE)));

        assertEquals(List.of("etcd1", "etcd2", "etcd3", "etcd4"), report.rows().stream().map(Row::name).toList());
        Row full = report.rows().get(1);
        assertEquals(List.of("NOSPACE"), full.alarms());
        assertTrue(full.problem().startsWith("alarm NOSPACE: the database is full"), full.problem());
        Row missing = report.rows().get(2);
        assertFalse(missing.member());
        assertNull(missing.memberId());
        assertEquals("https://192.0.2.3:2379", missing.endpoint());
        assertEquals("not a member of the cluster (apply adds it)", missing.problem());
        Row outside = report.rows().get(3);
        assertFalse(outside.inInventory());
        assertTrue(outside.problem().startsWith("a member, but not in the inventory"), outside.problem());
        assertEquals(List.of("etcd2", "etcd3", "etcd4"), report.needingAttention().stream().map(Row::name).toList());
    }

    @Test
    void aMemberAddedButNeverStartedIsMatchedByItsPeerUrl() {
        Report report = report(List.of(answering(LEADER, "etcd1", 1), answering(0xb2, "etcd2", 2),
                member(0xc3, "", 3, true)), List.of());
        Row row = report.rows().get(2);
        assertEquals("etcd3", row.name());
        assertEquals("c3", row.memberId());
        assertEquals(true, row.learner());
        assertEquals("added to the cluster but never started (apply starts it)", row.problem());
        assertEquals(3, report.rows().size());
    }

    @Test
    void aClusterThatDoesNotAnswerStillShowsEveryInventoryNode() {
        ClusterObservation silent = ClusterObservation.silent("cannot list members: no member answered");
        Report report = ClusterStatus.of(inventory, silent, List.of(), name -> Optional.empty(), NOW);
        assertEquals(3, report.rows().size());
        assertNull(report.leader());
        assertTrue(report.rows().stream().allMatch(row -> row.problem().equals(
                "no member answered: cannot list members: no member answered")), report.rows().toString());
    }
}
