package dev.etcdprovision.agent.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.HostId;
import dev.etcdprovision.agent.RecordingHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostFactsParserTest {
    private static final HostId HOST = new HostId("node1", "127.0.1.1");
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    /** Output of the facts script on a lab host (Debian 12), as an ops user through sudo. */
    private static final String LAB_OUTPUT = """
            clock-start 1795251406250485629
            hostname node1
            os-id debian
            os-version 12
            os-name Debian GNU/Linux 12 (bookworm)
            machine x86_64
            systemd-running yes
            systemd-version systemd 252 (252.39-1~deb12u2)
            passwd etcd:x:999:999:etcd service:/var/lib/etcd:/usr/sbin/nologin
            group etcd:x:999:
            etcd-version 3.5.16
            data-dir non-empty
            unit MainPID=1234
            unit LoadState=loaded
            unit ActiveState=active
            unit SubState=running
            unit UnitFileState=enabled
            listen LISTEN 0      128    127.0.1.1:22   0.0.0.0:* users:(("sshd",pid=72,fd=3))
            listen LISTEN 0      4096   127.0.1.1:2379 0.0.0.0:* users:(("etcd",pid=1234,fd=8))
            listen LISTEN 0      128    127.0.1.2:22   0.0.0.0:*
            listen LISTEN 0      128        [::]:80       [::]:*
            listen LISTEN 0      4096   127.0.0.53%lo:53  0.0.0.0:* users:(("systemd-resolve",pid=9,fd=14))
            listen LISTEN 0      128            *:8080       *:*
            path file 42ba9f2b9b6e44a1b2744a243201d3147d174232de467899ab7e20df374101df 644 root root /etc/hostname
            path dir - 700 etcd etcd /var/lib/etcd
            path missing - - - - /etc/with space
            path other - - - - /dev/null
            path file 0fdf006309b783f33f35a647342d8c3ad44d997508ae1c41c20f32f2ab1164b6 4755 root root /usr/bin/sudo
            clock-end 1795251406294228060
            """;

    private static final FactsQuery QUERY = FactsQuery.basics()
            .withPaths(List.of("/etc/hostname", "/var/lib/etcd", "/etc/with space", "/dev/null", "/usr/bin/sudo"))
            .withUnit("etcd.service").withAccount("etcd").withDataDir("/var/lib/etcd")
            .withEtcdBinary("/opt/etcd/v3.5.16/etcd");

    @Test
    void readsEveryFactOfARealHost() {
        Instant sent = Instant.ofEpochSecond(1795251406L, 200_000_000);
        HostFacts facts = HostFactsParser.parse(HOST, QUERY, LAB_OUTPUT, sent, sent.plusMillis(100));

        assertEquals("node1", facts.hostname());
        assertEquals(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"), facts.os());
        assertEquals(Optional.of("amd64"), facts.etcdArch());
        assertTrue(facts.systemdRunning());
        assertEquals(OptionalInt.of(252), facts.systemdVersion());
        assertEquals(Optional.of(new Account("etcd", 999, 999, "/var/lib/etcd", "/usr/sbin/nologin")), facts.user());
        assertTrue(facts.user().orElseThrow().cannotLogIn());
        assertEquals(Optional.of(new GroupEntry("etcd", 999)), facts.group());
        assertEquals(Optional.of("3.5.16"), facts.etcdVersion());
        assertEquals(Optional.of(HostFacts.DataDirState.NON_EMPTY), facts.dataDir());
        assertEquals(Optional.of(new UnitState("etcd.service", "loaded", "active", "running", "enabled", 1234)),
                facts.unit());

        assertEquals(PathState.file("/etc/hostname", "42ba9f2b9b6e44a1b2744a243201d3147d174232de467899ab7e20df374101df",
                new Ownership("root", "root", 0644)), facts.path("/etc/hostname"));
        assertEquals(PathState.directory("/var/lib/etcd", new Ownership("etcd", "etcd", 0700)),
                facts.path("/var/lib/etcd"));
        assertEquals(PathState.missing("/etc/with space"), facts.path("/etc/with space"));
        assertEquals(PathState.Kind.OTHER, facts.path("/dev/null").kind());
        assertEquals(04755, facts.path("/usr/bin/sudo").ownership().orElseThrow().mode());
        assertEquals(List.copyOf(QUERY.paths()), List.copyOf(facts.paths().keySet()), "in the order asked");
        assertThrows(IllegalArgumentException.class, () -> facts.path("/etc/passwd"));
    }

    @Test
    void readsListeningSocketsOfEveryShapeThatSsPrints() {
        HostFacts facts = HostFactsParser.parse(HOST, QUERY, LAB_OUTPUT, NOW, NOW);
        assertEquals(List.of(
                new ListeningSocket("127.0.1.1", 22, Optional.of("sshd"), OptionalLong.of(72)),
                new ListeningSocket("127.0.1.1", 2379, Optional.of("etcd"), OptionalLong.of(1234)),
                new ListeningSocket("127.0.1.2", 22, Optional.empty(), OptionalLong.empty()),
                new ListeningSocket("::", 80, Optional.empty(), OptionalLong.empty()),
                new ListeningSocket("127.0.0.53", 53, Optional.of("systemd-resolve"), OptionalLong.of(9)),
                new ListeningSocket("*", 8080, Optional.empty(), OptionalLong.empty())), facts.listening());

        assertEquals(1, facts.listenersOn("127.0.1.1", 2379).size());
        assertTrue(facts.listenersOn("127.0.1.1", 2380).isEmpty());
        assertEquals(1, facts.listenersOn("127.0.1.1", 80).size(), "a wildcard listener takes every address");
        assertTrue(facts.listenersOn("127.0.1.1", 53).isEmpty(), "127.0.0.53 is another address");
    }

    @Test
    void theClockOffsetComparesTheMidpointsOfTheScriptAndOfTheRoundTrip() {
        Instant sent = Instant.ofEpochSecond(1000);
        Instant received = sent.plusMillis(200);
        // host ran the script from sent+50ms to sent+150ms of its own clock, which is 2 s ahead
        long hostStart = 1000_000_000_000L + 2_050_000_000L;
        long hostEnd = 1000_000_000_000L + 2_150_000_000L;
        assertEquals(Duration.ofSeconds(2), HostFactsParser.clockOffset(hostStart, hostEnd, sent, received));
        assertEquals(Duration.ofSeconds(-3).plusMillis(100),
                HostFactsParser.clockOffset(1000_000_000_000L - 2_900_000_000L + 100_000_000L,
                        1000_000_000_000L - 2_900_000_000L + 100_000_000L, sent, received));
    }

    @Test
    void factsNotAskedForAreAbsentAndUnknownLinesAreIgnored() {
        String output = """
                Welcome to the login banner of a chatty shell
                clock-start 1
                machine aarch64
                clock-end 1
                """;
        HostFacts facts = HostFactsParser.parse(HOST, FactsQuery.basics(), output, NOW, NOW);
        assertEquals(Optional.of("arm64"), facts.etcdArch());
        assertEquals(OsRelease.UNKNOWN, facts.os());
        assertFalse(facts.systemdRunning());
        assertEquals(OptionalInt.empty(), facts.systemdVersion());
        assertTrue(facts.user().isEmpty() && facts.unit().isEmpty() && facts.dataDir().isEmpty());
        assertTrue(facts.etcdVersion().isEmpty());
    }

    @Test
    void aMachineEtcdHasNoBinariesForHasNoEtcdArch() {
        String output = "clock-start 1\nmachine s390x\nclock-end 1\n";
        assertEquals(Optional.empty(), HostFactsParser.parse(HOST, FactsQuery.basics(), output, NOW, NOW).etcdArch());
        String x86 = "clock-start 1\nmachine x86_64\nclock-end 1\n";
        assertEquals(Optional.of("amd64"), HostFactsParser.parse(HOST, FactsQuery.basics(), x86, NOW, NOW).etcdArch());
    }

    @Test
    void aUnitThatDoesNotExistIsReportedAsNotFound() {
        String output = """
                clock-start 1
                machine x86_64
                unit MainPID=0
                unit LoadState=not-found
                unit ActiveState=inactive
                unit SubState=dead
                unit UnitFileState=
                clock-end 1
                """;
        UnitState unit = HostFactsParser.parse(HOST, FactsQuery.basics().withUnit("etcd.service"), output, NOW, NOW)
                .unit().orElseThrow();
        assertFalse(unit.exists());
        assertFalse(unit.isActive());
        assertFalse(unit.isEnabled());
        assertEquals(0, unit.mainPid());
    }

    @Test
    void incompleteOutputIsAnErrorNotEmptyFacts() {
        assertThrows(IllegalArgumentException.class,
                () -> HostFactsParser.parse(HOST, FactsQuery.basics(), "clock-start 1\n", NOW, NOW));
        FactsQuery withPath = FactsQuery.basics().withPaths(List.of("/etc/hostname"));
        assertThrows(IllegalArgumentException.class,
                () -> HostFactsParser.parse(HOST, withPath, "clock-start 1\nmachine x86_64\nclock-end 1\n", NOW, NOW));
    }

    @Test
    void gatheringRunsOneScriptAndRendersBackToTheSameFacts() {
        HostFacts expected = new HostFacts(HOST, "node1", new OsRelease("debian", "12", "Debian GNU/Linux 12"),
                "x86_64", true, OptionalInt.of(252), Optional.empty(), Optional.of(new GroupEntry("etcd", 996)),
                Map.of("/etc/etcd/etcd.conf", PathState.missing("/etc/etcd/etcd.conf")), Optional.empty(),
                Optional.of(HostFacts.DataDirState.MISSING),
                Optional.of(new UnitState("etcd.service", "not-found", "inactive", "dead", "", 0)),
                List.of(new ListeningSocket("::1", 25, Optional.of("exim4"), OptionalLong.of(77))),
                Duration.ofMillis(-1500));
        RecordingHost host = new RecordingHost("node1", "127.0.1.1");
        host.onScript("facts").reply(FactsOutput.render(expected, NOW));
        FactsQuery query = FactsQuery.basics().withPaths(List.of("/etc/etcd/etcd.conf")).withUnit("etcd.service")
                .withAccount("etcd").withDataDir("/var/lib/etcd");

        HostFacts facts = Facts.gather(host, query, Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(expected, facts);
        assertEquals(1, host.commands().size(), "one round trip");
        assertEquals(List.of("", "/var/lib/etcd", "etcd.service", "etcd", "/etc/etcd/etcd.conf"),
                host.commands().get(0).scriptArguments());
    }

    @Test
    void aQueryRefusesPathsTheScriptCouldMisread() {
        assertThrows(IllegalArgumentException.class, () -> FactsQuery.basics().withPaths(List.of("relative/path")));
        assertThrows(IllegalArgumentException.class, () -> FactsQuery.basics().withPaths(List.of("/a\nb")));
        assertThrows(IllegalArgumentException.class, () -> FactsQuery.basics().withUnit("etcd service"));
        assertThrows(IllegalArgumentException.class, () -> FactsQuery.basics().withAccount("-etcd;rm"));
    }
}
