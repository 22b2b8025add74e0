package dev.etcdprovision.controller.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order defrag goes in: the given order, the leader moved to the end. */
class DefragTest {
    @Test
    void theLeaderGoesLastAndTheOthersKeepTheirOrder() {
        assertEquals(List.of("etcd1", "etcd3", "etcd2"), Defrag.leaderLast(List.of("etcd1", "etcd2", "etcd3"),
                "etcd2"::equals));
        assertEquals(List.of("etcd2", "etcd3", "etcd1"), Defrag.leaderLast(List.of("etcd1", "etcd2", "etcd3"),
                "etcd1"::equals));
        assertEquals(List.of("etcd1", "etcd2"), Defrag.leaderLast(List.of("etcd1", "etcd2"), "none"::equals),
                "without a known leader the order stays");
    }
}
