package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.Command;
import dev.etcdprovision.agent.CommandResult;
import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.FactsQuery;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseCache;
import dev.etcdprovision.agent.release.ReleaseSource;
import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.SshSettings;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's whole path, end to end: facts, the release from the cache, user, folders, binaries,
 * a unit that runs etcd on the host's own address, started through the steps; etcd answers. A
 * second run of the same steps changes nothing and restarts nothing.
 */
class EtcdServiceIT {
    @RegisterExtension
    static final Lab lab = Lab.withHosts(2);

    private static final String VERSION = EtcdReleases.V3_5;
    private static final String BIN_DIR = "/opt/etcd/v" + VERSION;
    private static final String DATA_DIR = "/var/lib/etcd";
    private static final String UNIT = "etcd.service";
    private static final String UNIT_FILE = "/etc/systemd/system/" + UNIT;

    @TempDir
    static Path cacheDir;

    @ParameterizedTest
    @CsvSource({"1,root", "2," + Lab.SUDO_USER})
    void etcdIsInstalledAndStartedThroughTheStepsAndASecondRunChangesNothing(int index, String user) {
        LabHost labHost = lab.host(index);
        try (HostConnections connections = HostConnections.open(SshSettings.of(labHost.name(), labHost.address(),
                user, lab.privateKey(), lab.knownHosts()))) {
            Host host = connections.host(labHost.name());

            Map<String, StepResult> first = provision(host, labHost);
            assertTrue(first.values().stream().allMatch(StepResult::changed), "a bare host: " + first);
            Systemd systemd = new Systemd(host);
            assertTrue(systemd.state(UNIT).isActive());
            long pid = systemd.state(UNIT).mainPid();
            String endpoint = "http://" + labHost.address() + ":2379";
            CommandResult health = host.check(Command.of("health", BIN_DIR + "/etcdctl", "--endpoints", endpoint,
                    "endpoint", "health"));
            assertTrue((health.stdout() + health.stderr()).contains(endpoint + " is healthy"), health.toString());
            host.check(Command.of("put", BIN_DIR + "/etcdctl", "--endpoints", endpoint, "put", "agent", user));
            String unitFile = labHost.shOk("stat -c '%y %z %i' " + UNIT_FILE);

            Map<String, StepResult> second = provision(host, labHost);
            List<String> changed = second.entrySet().stream().filter(step -> step.getValue().changed())
                    .map(Map.Entry::getKey).toList();
            assertEquals(List.of(), changed, "the second run: " + second);
            assertEquals(pid, systemd.state(UNIT).mainPid(), "nothing restarted");
            assertEquals(unitFile, labHost.shOk("stat -c '%y %z %i' " + UNIT_FILE), "nothing rewritten");
            assertEquals(user + "\n", host.check(Command.of("get", BIN_DIR + "/etcdctl", "--endpoints", endpoint,
                    "get", "agent", "--print-value-only")).stdout());

            HostFacts facts = Facts.gather(host, query());
            assertEquals(Long.valueOf(pid), facts.unit().orElseThrow().mainPid());
            assertEquals(HostFacts.DataDirState.NON_EMPTY, facts.dataDir().orElseThrow());
            assertEquals(List.of("etcd"), facts.listenersOn(labHost.address(), 2379).stream()
                    .map(socket -> socket.process().orElse("?")).toList(), facts.listening().toString()
                    + labHost.shOk("ss -ltnpH"));
            assertEquals("etcd", labHost.shOk("ps -o user= -p " + pid).strip(), "etcd runs as its own user");
            systemd.stop(UNIT);
        }
    }

    /** The steps in the order a controller would run them, each decided from one round of facts. */
    private static Map<String, StepResult> provision(Host host, LabHost labHost) {
        HostFacts facts = Facts.gather(host, query());
        Release release = new ReleaseCache(cacheDir).fetch(ReleaseSource.of(EtcdReleases.fileUrlTemplate()), VERSION,
                facts.etcdArch().orElseThrow());
        Map<String, StepResult> results = new LinkedHashMap<>();
        results.put("user", new Accounts(host).ensureSystemUser("etcd", "etcd", DATA_DIR, facts.user(), facts.group()));
        results.put("data dir", new Directories(host).ensure(DATA_DIR, new Ownership("etcd", "etcd", 0700),
                facts.path(DATA_DIR)));
        results.put("opt", new Directories(host).ensure("/opt/etcd", ReleaseInstaller.BINARY, facts.path("/opt/etcd")));
        results.put("binaries", new ReleaseInstaller(host).install(release, BIN_DIR, facts.paths()));
        StepResult unit = new RemoteFiles(host).write(unitFile(labHost), facts.path(UNIT_FILE));
        results.put("unit", unit);
        Systemd systemd = new Systemd(host);
        results.put("daemon-reload", systemd.daemonReload(unit.changed()));
        results.put("enable", systemd.enable(UNIT));
        results.put("start", systemd.start(UNIT));
        return results;
    }

    private static FactsQuery query() {
        List<String> paths = new ArrayList<>(List.of(DATA_DIR, "/opt/etcd", UNIT_FILE));
        paths.add(BIN_DIR);
        for (String binary : List.of("etcd", "etcdctl", "etcdutl")) {
            paths.add(BIN_DIR + "/" + binary);
        }
        return FactsQuery.basics().withAccount("etcd").withDataDir(DATA_DIR).withUnit(UNIT)
                .withEtcdBinary(BIN_DIR + "/etcd").withPaths(paths);
    }

    /** A single-member etcd on the host's own address (lab hosts share one network namespace). */
    private static RemoteFile unitFile(LabHost labHost) {
        String address = labHost.address();
        return RemoteFile.text(UNIT_FILE, """
                [Unit]
                Description=etcd key-value store
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=notify
                User=etcd
                Group=etcd
                ExecStart=%s/etcd --name %s --data-dir %s \\
                  --listen-client-urls http://%s:2379 --advertise-client-urls http://%s:2379 \\
                  --listen-peer-urls http://%s:2380 --initial-advertise-peer-urls http://%s:2380 \\
                  --initial-cluster %s=http://%s:2380
                Restart=on-failure
                RestartSec=1s

                [Install]
                WantedBy=multi-user.target
                """.formatted(BIN_DIR, labHost.name(), DATA_DIR, address, address, address, address, labHost.name(),
                address), 0644, "root", "root");
    }
}
