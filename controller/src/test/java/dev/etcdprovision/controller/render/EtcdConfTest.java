package dev.etcdprovision.controller.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtcdConfTest {
    static final String CONF = """
            # a comment
            ETCD_NAME=k8s1-etcd1

            ETCD_INITIAL_CLUSTER_STATE=new
            ETCD_LOG_LEVEL="info"
            """;

    @Test
    void variablesKeepTheirOrderAndLoseTheirQuotes() {
        EtcdConf conf = EtcdConf.parse(CONF);
        assertEquals(List.of("ETCD_NAME", "ETCD_INITIAL_CLUSTER_STATE", "ETCD_LOG_LEVEL"),
                List.copyOf(conf.variables().keySet()));
        assertEquals("info", conf.variables().get("ETCD_LOG_LEVEL"));
    }

    @Test
    void aChangeOfOnlyInitialSettingsNeedsNoRestart() {
        EtcdConf before = EtcdConf.parse(CONF);
        EtcdConf after = EtcdConf.parse(CONF.replace("STATE=new", "STATE=existing"));
        assertEquals(Set.of("ETCD_INITIAL_CLUSTER_STATE"), after.changedFrom(before));
        assertFalse(after.needsRestartComparedTo(before));
        assertFalse(before.needsRestartComparedTo(before));
    }

    @Test
    void anyOtherChangeAddedOrRemovedVariableNeedsARestart() {
        EtcdConf before = EtcdConf.parse(CONF);
        EtcdConf level = EtcdConf.parse(CONF.replace("\"info\"", "debug"));
        assertTrue(level.needsRestartComparedTo(before));
        EtcdConf added = EtcdConf.parse(CONF + "ETCD_PRE_VOTE=true\n");
        assertEquals(Set.of("ETCD_PRE_VOTE"), added.changedFrom(before));
        assertTrue(added.needsRestartComparedTo(before));
        assertEquals(Set.of("ETCD_PRE_VOTE"), before.changedFrom(added), "a removed variable counts too");
        assertTrue(before.needsRestartComparedTo(added));
    }

    @Test
    void aLineThatIsNotAVariableIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EtcdConf.parse("ETCD_NAME k8s1\n"));
    }
}
