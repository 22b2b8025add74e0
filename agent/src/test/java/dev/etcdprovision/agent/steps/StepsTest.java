package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.RecordingHost;
import dev.etcdprovision.agent.facts.Account;
import dev.etcdprovision.agent.facts.GroupEntry;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.facts.UnitState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decisions the steps take without a host: what they send, and when they send nothing. */
class StepsTest {
    private final RecordingHost host = new RecordingHost();

    @Test
    void aStepScriptSaysWhatItDidOnItsLastLine() {
        assertEquals(StepResult.changed("created"),
                StepResult.fromScript(new CommandResult(0, "noise\nchanged created\n", "")));
        assertEquals(StepResult.unchanged(""), StepResult.fromScript(new CommandResult(0, "unchanged\n", "")));
        assertThrows(IllegalStateException.class, () -> StepResult.fromScript(new CommandResult(0, "", "")));
        assertEquals("changed: created", StepResult.changed("created").toString());
        assertEquals("unchanged", StepResult.unchanged("").toString());
    }

    @Test
    void aUserAndGroupInPlaceNeedNoRoundTrip() {
        Accounts accounts = new Accounts(host);
        StepResult result = accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd",
                Optional.of(new Account("etcd", 998, 998, "/var/lib/etcd", "/usr/sbin/nologin")),
                Optional.of(new GroupEntry("etcd", 998)));
        assertFalse(result.changed());
        assertTrue(host.commands().isEmpty());
    }

    @Test
    void aUserWithALoginShellOrAnotherHomeIsCorrectedOnTheHost() {
        host.onScript("ensure-user").reply("changed updated user etcd");
        Accounts accounts = new Accounts(host);
        assertTrue(accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd",
                Optional.of(new Account("etcd", 998, 998, "/var/lib/etcd", "/bin/bash")),
                Optional.of(new GroupEntry("etcd", 998))).changed());
        assertTrue(accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd",
                Optional.of(new Account("etcd", 998, 998, "/home/etcd", "/usr/sbin/nologin")),
                Optional.of(new GroupEntry("etcd", 998))).changed());
        accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd", Optional.empty(), Optional.empty());
        assertEquals(List.of("ensure-user etcd etcd /var/lib/etcd"), host.displays().stream().distinct().toList());
        assertEquals(3, host.commands().size());
    }

    @Test
    void namesThatAreNoUserNamesAreRefusedBeforeAnythingRuns() {
        Accounts accounts = new Accounts(host);
        assertThrows(IllegalArgumentException.class,
                () -> accounts.ensureSystemUser("Etcd User", "etcd", "/var/lib/etcd"));
        assertThrows(IllegalArgumentException.class, () -> accounts.ensureSystemUser("etcd", "etcd", "var/lib/etcd"));
        assertTrue(host.commands().isEmpty());
    }

    @Test
    void aFolderInPlaceNeedsNoRoundTripOtherwiseItIsEnsured() {
        Directories directories = new Directories(host);
        Ownership dataDir = new Ownership("etcd", "etcd", 0700);
        assertFalse(directories.ensure("/var/lib/etcd", dataDir, PathState.directory("/var/lib/etcd", dataDir))
                .changed());
        assertTrue(host.commands().isEmpty());

        host.onScript("ensure-dir").reply("changed fixed owner and mode");
        assertTrue(directories.ensure("/var/lib/etcd", dataDir,
                PathState.directory("/var/lib/etcd", new Ownership("root", "root", 0755))).changed());
        assertEquals(List.of("ensure-dir /var/lib/etcd 700 etcd etcd"), host.displays());
    }

    @Test
    void daemonReloadOnlyWhenAUnitChanged() {
        Systemd systemd = new Systemd(host);
        assertFalse(systemd.daemonReload(false).changed());
        assertTrue(host.commands().isEmpty());
        host.on("systemctl daemon-reload").reply("");
        assertTrue(systemd.daemonReload(true).changed());
        assertEquals(List.of("systemctl daemon-reload"), host.displays());
    }

    @Test
    void systemdActionsRunTheirScriptWithTheUnit() {
        Systemd systemd = new Systemd(host);
        host.onScript("systemd").reply("unchanged already active");
        assertEquals(StepResult.unchanged("already active"), systemd.start("etcd.service"));
        systemd.startNoBlock("etcd.service");
        systemd.stop("etcd.service");
        assertEquals(List.of("systemd start etcd.service", "systemd start-no-block etcd.service",
                "systemd stop etcd.service"), host.displays());
        assertEquals("systemctl start --no-block etcd.service", host.commands().get(1).command().step());
        assertThrows(IllegalArgumentException.class, () -> systemd.start("etcd; reboot"));
    }

    @Test
    void theUnitStateComesFromSystemctlShow() {
        host.on("systemctl show").reply("MainPID=4242\nLoadState=loaded\nActiveState=active\nSubState=running\n"
                + "UnitFileState=enabled\n");
        Systemd systemd = new Systemd(host);
        assertEquals(new UnitState("etcd.service", "loaded", "active", "running", "enabled", 4242),
                systemd.state("etcd.service"));
        assertTrue(systemd.state("etcd.service").isActive());
        assertEquals(4242, systemd.state("etcd.service").mainPid());
    }

    @Test
    void aDataDirIsMovedAsideWithAUtcTimestampAndTheNumberOfCopiesToKeep() {
        host.onScript("move-aside").reply("changed moved /var/lib/etcd to /var/lib/etcd.replaced-20261121T081500Z");
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:15:00Z"), ZoneOffset.ofHours(5));
        DataDirs dataDirs = new DataDirs(host, clock);
        assertTrue(dataDirs.moveAside("/var/lib/etcd").changed());
        assertEquals(List.of("/var/lib/etcd", "20261121T081500Z", "3"), host.commands().get(0).scriptArguments());
        assertThrows(IllegalArgumentException.class, () -> dataDirs.moveAside("/", 3));
        assertThrows(IllegalArgumentException.class, () -> dataDirs.moveAside("/var/lib/etcd", 0));
    }

    @Test
    void theJournalIsReadWithoutAPager() {
        host.on("journalctl").reply("2026-11-21T08:00:00+0000 node1 etcd[1]: ready\n"
                + "2026-11-21T08:00:01+0000 node1 etcd[1]: serving\n");
        List<String> lines = new Journal(host).lastLines("etcd.service", 2);
        assertEquals(2, lines.size());
        assertEquals(List.of("journalctl --unit etcd.service --lines 2 --show-cursor --no-pager --quiet --output"
                + " short-iso"),
                host.displays());
    }
}
