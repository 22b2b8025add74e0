package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.FactsQuery;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.UnitState;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseCache;
import dev.etcdprovision.agent.release.ReleaseSource;
import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.SshSettings;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every step on real hosts, as root (host 1) and as the unprivileged sudo user (host 2): each run
 * twice reports changed, then unchanged, and the second run leaves every file as it was
 * (modification time, change time and inode). Ordered: later steps use what earlier ones made.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StepsIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(2);

    private static final String VERSION = EtcdReleases.V3_5;
    private static final String BIN_DIR = "/opt/etcd/v" + VERSION;
    private static final String UNIT = "agent-it.service";
    private static final String UNIT_FILE = "/etc/systemd/system/" + UNIT;
    private static final Ownership CONF = new Ownership("root", "etcd", 0640);

    private static final Map<String, HostConnections> connections = new HashMap<>();
    private static Release release;

    @BeforeAll
    static void fetchRelease() throws Exception {
        Path cache = Files.createTempDirectory(lab.workDir(), "releases");
        release = new ReleaseCache(cache).fetch(ReleaseSource.of(EtcdReleases.fileUrlTemplate()), VERSION, "amd64");
    }

    @AfterAll
    static void disconnect() {
        connections.values().forEach(HostConnections::close);
    }

    /** root works on host 1, the sudo user on host 2, so that neither sees the other's results. */
    private static LabHost labHost(String user) {
        return lab.host(user.equals("root") ? 1 : 2);
    }

    private static Host host(String user) {
        LabHost labHost = labHost(user);
        return connections.computeIfAbsent(user, name -> HostConnections.open(SshSettings.of(labHost.name(),
                labHost.address(), name, lab.privateKey(), lab.knownHosts()))).host(labHost.name());
    }

    /** Modification time, change time and inode: what a rewrite, a chmod or a rename would change. */
    private static String fingerprint(String user, String path) {
        return labHost(user).shOk("stat -c '%y %z %i' " + path).strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(1)
    void theServiceUserIsASystemUserWithoutLoginWhoseHomeIsNotCreated(String user) {
        Accounts accounts = new Accounts(host(user));
        StepResult first = accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd");
        assertEquals(StepResult.changed("created group etcd, created user etcd"), first);
        String[] passwd = labHost(user).shOk("getent passwd etcd").strip().split(":");
        String gid = labHost(user).shOk("getent group etcd").strip().split(":")[2];
        assertTrue(Integer.parseInt(passwd[2]) < 1000, "a system uid: " + passwd[2]);
        assertEquals(gid, passwd[3]);
        assertEquals("/var/lib/etcd", passwd[5]);
        assertEquals("/usr/sbin/nologin", passwd[6]);
        assertEquals(1, labHost(user).sh("test -e /var/lib/etcd").exitCode(), "useradd did not make the home");

        String accountFiles = fingerprint(user, "/etc/passwd /etc/group /etc/shadow");
        assertEquals(StepResult.unchanged(""), accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd"));
        assertEquals(accountFiles, fingerprint(user, "/etc/passwd /etc/group /etc/shadow"));
        HostFacts facts = Facts.gather(host(user), FactsQuery.basics().withAccount("etcd"));
        assertFalse(accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd", facts.user(), facts.group()).changed());

        labHost(user).shOk("usermod --shell /bin/bash etcd");
        assertTrue(accounts.ensureSystemUser("etcd", "etcd", "/var/lib/etcd").changed());
        assertEquals("/usr/sbin/nologin", labHost(user).shOk("getent passwd etcd").strip().split(":")[6]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(2)
    void aFolderIsCreatedThenLeftAloneAndItsModeCorrected(String user) {
        Directories directories = new Directories(host(user));
        Ownership dataDir = new Ownership("etcd", "etcd", 0700);
        assertEquals(StepResult.changed("created"), directories.ensure("/var/lib/etcd", dataDir));
        assertEquals("700 etcd etcd", labHost(user).shOk("stat -c '%a %U %G' /var/lib/etcd").strip());
        String before = fingerprint(user, "/var/lib/etcd");

        assertEquals(StepResult.unchanged(""), directories.ensure("/var/lib/etcd", dataDir));
        assertEquals(before, fingerprint(user, "/var/lib/etcd"));

        labHost(user).shOk("chmod 0755 /var/lib/etcd");
        assertEquals(StepResult.changed("fixed owner and mode"), directories.ensure("/var/lib/etcd", dataDir));
        assertEquals("700", labHost(user).shOk("stat -c %a /var/lib/etcd").strip());

        labHost(user).shOk("mkdir -p /srv && touch /srv/not-a-folder");
        HostException inTheWay = assertThrows(HostException.class,
                () -> directories.ensure("/srv/not-a-folder", dataDir));
        assertEquals("/srv/not-a-folder exists and is not a folder", inTheWay.reason());
        assertTrue(directories.ensure("/etc/etcd", new Ownership("root", "etcd", 0750)).changed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(3)
    void aFileIsWrittenThenLeftAloneThenFixedOrReplacedWhole(String user) {
        RemoteFiles files = new RemoteFiles(host(user));
        RemoteFile conf = RemoteFile.text("/etc/etcd/etcd.conf", "ETCD_NAME=" + user + "\n", 0640, "root", "etcd");
        assertTrue(files.write(conf).changed());
        assertEquals(conf.text(), labHost(user).shOk("cat /etc/etcd/etcd.conf"));
        assertEquals("640 root etcd", labHost(user).shOk("stat -c '%a %U %G' /etc/etcd/etcd.conf").strip());
        String written = fingerprint(user, "/etc/etcd/etcd.conf");

        assertEquals(StepResult.unchanged(""), files.write(conf));
        assertEquals(written, fingerprint(user, "/etc/etcd/etcd.conf"), "the second run touched nothing");

        labHost(user).shOk("chmod 0644 /etc/etcd/etcd.conf");
        String inode = labHost(user).shOk("stat -c '%y %i' /etc/etcd/etcd.conf");
        assertEquals(StepResult.changed("set root:etcd 640"), files.write(conf));
        assertEquals(inode, labHost(user).shOk("stat -c '%y %i' /etc/etcd/etcd.conf"), "fixed, not rewritten");
        assertEquals("640", labHost(user).shOk("stat -c %a /etc/etcd/etcd.conf").strip());

        // a temporary file of an earlier run that crashed mid-upload
        labHost(user).shOk("echo half > /etc/etcd/.etcd.conf.etcd-provision-4242.tmp");
        RemoteFile changed = RemoteFile.text(conf.path(), "ETCD_NAME=" + user + "\nETCD_SNAPSHOT_COUNT=5000\n", 0640,
                "root", "etcd");
        assertEquals(StepResult.changed("wrote " + changed.content().length + " bytes"), files.write(changed));
        assertEquals(changed.text(), labHost(user).shOk("cat /etc/etcd/etcd.conf"));
        assertNotEquals(inode.split(" ")[2], labHost(user).shOk("stat -c %i /etc/etcd/etcd.conf").strip(),
                "replaced by a rename");
        assertEquals("etcd.conf\n", labHost(user).shOk("ls -A /etc/etcd"), "no temporary file left");

        assertEquals(Optional.of(changed.text()), files.read(conf.path()));
        assertEquals(Optional.empty(), files.read("/etc/etcd/absent.conf"));

        RemoteFile empty = RemoteFile.text("/etc/etcd/empty", "", 0600, "etcd", "etcd");
        assertTrue(files.write(empty).changed());
        assertFalse(files.write(empty).changed());
        assertEquals("0 600 etcd", labHost(user).shOk("stat -c '%s %a %U' /etc/etcd/empty").strip());

        HostException noFolder = assertThrows(HostException.class,
                () -> files.write(RemoteFile.text("/etc/etcd-missing/x.conf", "x", 0644, "root", "root")));
        assertEquals("the folder /etc/etcd-missing does not exist", noFolder.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(4)
    void releaseBinariesAreInstalledVerifiedAndSkippedWhenInPlace(String user) {
        ReleaseInstaller installer = new ReleaseInstaller(host(user));
        labHost(user).shOk("mkdir -p /opt/etcd");
        assertEquals(StepResult.changed("uploaded etcd, etcdctl, etcdutl"), installer.install(release, BIN_DIR));
        assertTrue(labHost(user).shOk(BIN_DIR + "/etcd --version").contains("etcd Version: " + VERSION));
        assertTrue(labHost(user).shOk(BIN_DIR + "/etcdctl version").contains("etcdctl version: " + VERSION));
        String etcd = fingerprint(user, BIN_DIR + "/etcd");
        String etcdctl = fingerprint(user, BIN_DIR + "/etcdctl");

        assertEquals(StepResult.unchanged("etcd " + VERSION + " in place"), installer.install(release, BIN_DIR));
        FactsQuery query = FactsQuery.basics().withPaths(ReleaseInstaller.paths(release, BIN_DIR))
                .withEtcdBinary(BIN_DIR + "/etcd");
        Instant sent = Instant.now();
        HostFacts facts = Facts.gather(host(user), query);
        Duration roundTrip = Duration.between(sent, Instant.now());
        assertEquals(Optional.of(VERSION), facts.etcdVersion());
        assertFalse(installer.install(release, BIN_DIR, facts.paths()).changed());
        assertEquals(etcd, fingerprint(user, BIN_DIR + "/etcd"));
        assertEquals(etcdctl, fingerprint(user, BIN_DIR + "/etcdctl"));

        labHost(user).shOk("echo damaged >> " + BIN_DIR + "/etcdctl && chmod 0700 " + BIN_DIR + "/etcdutl");
        assertEquals(StepResult.changed("uploaded etcdctl; fixed owner and mode of etcdutl"),
                installer.install(release, BIN_DIR));
        assertEquals(etcd, fingerprint(user, BIN_DIR + "/etcd"), "the binary in place was not sent again");
        assertEquals(release.binary("etcdctl").orElseThrow().sha256(),
                labHost(user).shOk("sha256sum " + BIN_DIR + "/etcdctl").substring(0, 64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(5)
    void aServiceIsEnabledStartedRestartedStoppedAndDisabledOnlyWhenNeeded(String user) {
        Host host = host(user);
        RemoteFile unit = RemoteFile.text(UNIT_FILE, """
                [Unit]
                Description=agent test service
                [Service]
                ExecStart=/bin/sh -c 'echo hello-from-agent-it; exec sleep infinity'
                [Install]
                WantedBy=multi-user.target
                """, 0644, "root", "root");
        StepResult written = new RemoteFiles(host).write(unit);
        Systemd systemd = new Systemd(host);
        assertEquals(StepResult.changed("reloaded"), systemd.daemonReload(written.changed()));
        assertFalse(systemd.daemonReload(false).changed());

        assertEquals(StepResult.changed("enabled"), systemd.enable(UNIT));
        assertEquals(StepResult.unchanged("already enabled"), systemd.enable(UNIT));
        assertEquals(StepResult.changed("started"), systemd.start(UNIT));
        assertEquals(StepResult.unchanged("already active"), systemd.start(UNIT));
        UnitState running = systemd.state(UNIT);
        assertTrue(running.isActive() && running.isEnabled(), running.toString());
        assertTrue(running.mainPid() > 0);
        assertEquals(labHost(user).shOk("systemctl show -p MainPID --value " + UNIT).strip(),
                Long.toString(running.mainPid()));

        assertEquals(StepResult.changed("restarted"), systemd.restart(UNIT));
        assertNotEquals(running.mainPid(), systemd.state(UNIT).mainPid(), "a new process");
        List<String> journal = new Journal(host).lastLines(UNIT, 20);
        assertTrue(journal.stream().anyMatch(line -> line.contains("hello-from-agent-it")), journal.toString());

        assertEquals(StepResult.changed("stopped"), systemd.stop(UNIT));
        assertEquals(StepResult.unchanged("already inactive"), systemd.stop(UNIT));
        assertEquals(0, systemd.state(UNIT).mainPid());

        assertEquals(StepResult.changed("started"), systemd.startNoBlock(UNIT));
        awaitActive(systemd);
        assertTrue(systemd.startNoBlock(UNIT).detail().startsWith("already"));

        assertEquals(StepResult.changed("disabled"), systemd.disable(UNIT));
        assertEquals(StepResult.unchanged("not enabled"), systemd.disable(UNIT));
        assertEquals("disabled", labHost(user).sh("systemctl is-enabled " + UNIT).stdout().strip());
        systemd.stop(UNIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(6)
    void aBlockingStartWaitsForAStartQueuedWithoutWaiting(String user) throws Exception {
        Host host = host(user);
        String gate = "/run/agent-it-slow-" + user;
        labHost(user).shOk("rm -f " + gate);
        // activating until the test opens the gate: no guess at how long the calls below take
        new RemoteFiles(host).write(RemoteFile.text("/etc/systemd/system/agent-it-slow.service", """
                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/bin/sh -c 'until [ -e %s ]; do sleep 0.1; done'
                """.formatted(gate), 0644, "root", "root"));
        Systemd systemd = new Systemd(host);
        systemd.daemonReload(true);
        assertEquals(StepResult.changed("started"), systemd.startNoBlock("agent-it-slow.service"));
        assertEquals(StepResult.unchanged("already activating"), systemd.startNoBlock("agent-it-slow.service"));
        CompletableFuture<StepResult> blocking = CompletableFuture.supplyAsync(
                () -> systemd.start("agent-it-slow.service"));
        // once systemctl start waits on the host, the step has seen the unit activating
        Instant deadline = Instant.now().plusSeconds(30);
        while (labHost(user).sh("pgrep -f 'systemctl start -- agent-it-sl[o]w'").exitCode() != 0) {
            assertFalse(blocking.isDone(), "start returned before the gate opened: " + blocking.getNow(null));
            assertTrue(Instant.now().isBefore(deadline), "no blocking systemctl start on the host");
            Thread.sleep(50);
        }
        labHost(user).shOk("touch " + gate);
        assertEquals(StepResult.unchanged("was activating, now active"), blocking.get(60, TimeUnit.SECONDS));
        assertTrue(systemd.state("agent-it-slow.service").isActive());
        systemd.stop("agent-it-slow.service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(7)
    void aUnitThatFailsToStartSaysSoAndPointsAtItsJournal(String user) {
        Host host = host(user);
        new RemoteFiles(host).write(RemoteFile.text("/etc/systemd/system/agent-it-fail.service", """
                [Service]
                Type=oneshot
                ExecStart=/bin/sh -c 'echo cannot-start-for-a-reason >&2; exit 3'
                """, 0644, "root", "root"));
        new Systemd(host).daemonReload(true);
        HostException failed = assertThrows(HostException.class,
                () -> new Systemd(host).start("agent-it-fail.service"));
        assertEquals("systemctl start agent-it-fail.service", failed.step());
        assertTrue(failed.reason().startsWith("Job for agent-it-fail.service failed"), failed.reason());
        assertTrue(failed.hint().orElseThrow().contains("journalctl -u agent-it-fail.service"));
        assertTrue(new Journal(host).lastLines("agent-it-fail.service", 10).stream()
                .anyMatch(line -> line.contains("cannot-start-for-a-reason")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(8)
    void aDataFolderIsMovedAsideNeverDeletedAndOnlyTheNewestCopiesAreKept(String user) {
        LabHost labHost = labHost(user);
        String dir = "/var/lib/agent-it-data";
        Function<Integer, DataDirs> at = second -> new DataDirs(host(user),
                Clock.fixed(Instant.parse("2026-11-21T08:00:00Z").plusSeconds(second), ZoneOffset.UTC));
        labHost.shOk("mkdir -p " + dir + "/member && echo data > " + dir + "/member/wal");

        assertEquals(StepResult.changed("moved " + dir + " to " + dir + ".replaced-20261121T080000Z"),
                at.apply(0).moveAside(dir));
        assertEquals("data\n", labHost.shOk("cat " + dir + ".replaced-20261121T080000Z/member/wal"));
        assertEquals(StepResult.unchanged(dir + " does not exist"), at.apply(0).moveAside(dir));
        labHost.shOk("mkdir " + dir);
        assertEquals(StepResult.unchanged(dir + " is empty"), at.apply(1).moveAside(dir));

        for (int second = 1; second <= 4; second++) {
            labHost.shOk("mkdir -p " + dir + " && echo " + second + " > " + dir + "/wal");
            StepResult moved = at.apply(second).moveAside(dir);
            assertTrue(moved.changed());
            if (second >= 3) {
                assertTrue(moved.detail().contains(", deleted older copy " + dir + ".replaced-2026112"),
                        moved.detail());
            }
        }
        assertEquals(List.of(dir + ".replaced-20261121T080002Z", dir + ".replaced-20261121T080003Z",
                dir + ".replaced-20261121T080004Z"), labHost.shOk("ls -d " + dir + ".replaced-*").lines().toList());

        labHost.shOk("mkdir -p " + dir + " && echo again > " + dir + "/wal");
        StepResult sameSecond = at.apply(4).moveAside(dir);
        assertTrue(sameSecond.detail().contains(dir + ".replaced-20261121T080004Z.1"), sameSecond.detail());
        assertEquals("again\n", labHost.shOk("cat " + dir + ".replaced-20261121T080004Z.1/wal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(9)
    void factsDescribeWhatTheStepsMade(String user) {
        LabHost labHost = labHost(user);
        FactsQuery query = FactsQuery.basics().withAccount("etcd").withDataDir("/var/lib/etcd").withUnit(UNIT)
                .withEtcdBinary(BIN_DIR + "/etcd")
                .withPaths(List.of("/etc/etcd/etcd.conf", "/etc/etcd", "/etc/etcd/absent", BIN_DIR + "/etcd"));
        Instant sent = Instant.now();
        HostFacts facts = Facts.gather(host(user), query);
        Duration roundTrip = Duration.between(sent, Instant.now());

        assertEquals(labHost.name(), facts.hostname());
        assertEquals("debian", facts.os().id());
        assertEquals("12", facts.os().versionId());
        assertEquals(Optional.of("amd64"), facts.etcdArch());
        assertTrue(facts.systemdRunning());
        assertTrue(facts.systemdVersion().orElseThrow() >= 252);
        assertEquals("/var/lib/etcd", facts.user().orElseThrow().home());
        assertEquals(facts.user().orElseThrow().gid(), facts.group().orElseThrow().gid());
        assertEquals(Optional.of(VERSION), facts.etcdVersion());
        assertEquals(Optional.of(HostFacts.DataDirState.EMPTY), facts.dataDir());
        assertEquals("inactive", facts.unit().orElseThrow().activeState());
        assertEquals(labHost.shOk("sha256sum /etc/etcd/etcd.conf").substring(0, 64),
                facts.path("/etc/etcd/etcd.conf").sha256().orElseThrow());
        assertEquals(Optional.of(CONF), facts.path("/etc/etcd/etcd.conf").ownership());
        assertEquals(Optional.of(new Ownership("root", "etcd", 0750)), facts.path("/etc/etcd").ownership());
        assertFalse(facts.path("/etc/etcd/absent").exists());
        assertEquals(release.binary("etcd").orElseThrow().sha256(),
                facts.path(BIN_DIR + "/etcd").sha256().orElseThrow());
        assertEquals(Optional.of("sshd"), facts.listenersOn(labHost.address(), 22).get(0).process());
        // the hosts share this machine's clock: the offset is only how uneven the trip was, at most half of it
        assertTrue(facts.clockOffset().abs().compareTo(roundTrip.dividedBy(2)) <= 0,
                facts.clockOffset() + " over a round trip of " + roundTrip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(10)
    void aFileOfTheControllerIsUploadedOnceVerifiedAndRemovedAndAFolderIsNeitherReadNorRemoved(String user)
            throws Exception {
        Host host = host(user);
        RemoteFiles files = new RemoteFiles(host);
        String target = "/var/tmp/agent-it-upload-" + user;
        Path local = Files.writeString(lab.workDir().resolve("upload-" + user), "a snapshot, say\n");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(local)));
        Ownership secret = new Ownership("root", "root", 0600);

        assertTrue(files.upload(local, sha256, target, secret).changed());
        assertEquals("a snapshot, say\n", files.read(target).orElseThrow());
        assertEquals("600 root root", labHost(user).shOk("stat -c '%a %U %G' " + target).strip());
        String before = fingerprint(user, target);
        assertFalse(files.upload(local, sha256, target, secret).changed(), "the host has it already");
        assertEquals(before, fingerprint(user, target), "not sent again");

        Path other = Files.writeString(lab.workDir().resolve("other-" + user), "another file\n");
        assertThrows(HostException.class, () -> files.upload(other, sha256, target + ".other", secret),
                "content that does not match its sha256 is refused on the host");
        assertEquals(Optional.empty(), files.read(target + ".other"), "and leaves nothing there");

        assertTrue(files.remove(target).changed());
        assertEquals(Optional.empty(), files.read(target));
        assertFalse(files.remove(target).changed(), "gone already");
        assertThrows(HostException.class, () -> files.remove("/etc/systemd"));
        assertThrows(HostException.class, () -> files.read("/etc/systemd"));
        assertTrue(labHost(user).sh("test -d /etc/systemd").exitCode() == 0);
    }

    /** systemd's journal for a unit that never ran: no lines and no cursor yet, and no error. */
    @ParameterizedTest
    @ValueSource(strings = {"root", Lab.SUDO_USER})
    @Order(10)
    void theJournalOfAUnitThatNeverRanIsAnEmptyPageAndABadCursorIsAnError(String user) {
        Journal journal = new Journal(host(user));
        Journal.Page empty = new Journal.Page(List.of(), Optional.empty());
        assertEquals(empty, journal.last("agent-it-never-ran.service", 5));
        assertEquals(empty, journal.after("agent-it-never-ran.service", Optional.empty()));
        assertThrows(HostException.class, () -> journal.after(UNIT, Optional.of("not-a-cursor")));
    }

    @Test
    @Order(11)
    void aSudoUserWhoseSudoWantsAPasswordGetsTheSameClearErrorFromEveryStep() {
        LabHost labHost = lab.host(1);
        try (HostConnections needpw = HostConnections.open(SshSettings.of(labHost.name(), labHost.address(),
                Lab.PASSWORD_SUDO_USER, lab.privateKey(), lab.knownHosts()))) {
            Host host = needpw.host(labHost.name());
            List<Runnable> steps = List.of(
                    () -> Facts.gather(host, FactsQuery.basics()),
                    () -> new Accounts(host).ensureSystemUser("etcd", "etcd", "/var/lib/etcd"),
                    () -> new Directories(host).ensure("/var/lib/x", CONF),
                    () -> new RemoteFiles(host).write(RemoteFile.text("/etc/x", "x", 0644, "root", "root")),
                    () -> new ReleaseInstaller(host).install(release, BIN_DIR),
                    () -> new Systemd(host).start(UNIT),
                    () -> new DataDirs(host).moveAside("/var/lib/x"),
                    () -> new Journal(host).lastLines(UNIT, 5));
            for (Runnable step : steps) {
                HostException refused = assertThrows(HostException.class, step::run);
                assertTrue(refused.reason().startsWith("sudo refused to run commands as root for needpw without a"
                        + " password"), refused.getMessage());
                assertTrue(refused.hint().orElseThrow().contains("NOPASSWD"));
            }
        }
    }

    private static void awaitActive(Systemd systemd) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!systemd.state(UNIT).isActive()) {
            assertTrue(Instant.now().isBefore(deadline), UNIT + " did not become active");
        }
    }
}
