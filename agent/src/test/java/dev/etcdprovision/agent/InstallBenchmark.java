package dev.etcdprovision.agent;

import dev.etcdprovision.agent.facts.Facts;
import dev.etcdprovision.agent.facts.FactsQuery;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseCache;
import dev.etcdprovision.agent.release.ReleaseSource;
import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.SshSettings;
import dev.etcdprovision.agent.steps.ReleaseInstaller;
import dev.etcdprovision.agent.steps.StepResult;
import dev.etcdprovision.lab.EtcdReleases;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Installing etcd 3.5.16's binaries (63 MB) on 3 lab hosts in parallel: cold, and when already in
 * place (which should cost about what checking the hosts' sha256 costs). Also what connecting to
 * 3 hosts costs, in a fresh JVM and in a warm one. Medians of {@value #RUNS} runs.
 */
public final class InstallBenchmark {
    private static final int RUNS = 5;
    private static final String DIR = "/opt/etcd/v" + EtcdReleases.V3_5;

    private InstallBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (Lab lab = Lab.withHosts(3).start()) {
            Path cache = Files.createTempDirectory(lab.workDir(), "releases");
            ReleaseSource source = ReleaseSource.of(EtcdReleases.fileUrlTemplate()); // builds the lab archives once
            long fetchStart = System.nanoTime();
            Release release = new ReleaseCache(cache).fetch(source, EtcdReleases.V3_5, "amd64");
            print("fetch, verify and extract the 3.5.16 archive (file://, once)", millis(fetchStart));
            long cachedStart = System.nanoTime();
            new ReleaseCache(cache).fetch(source, EtcdReleases.V3_5, "amd64");
            print("the same release from the cache", millis(cachedStart));

            List<SshSettings> settings = lab.hosts().stream().map(host -> SshSettings.of(host.name(), host.address(),
                    "root", lab.privateKey(), lab.knownHosts())).toList();
            freshJvmConnect(lab, "sshj-defaults", "root");
            freshJvmConnect(lab, "agent", "root");
            freshJvmConnect(lab, "agent", Lab.SUDO_USER);
            print("connect to 3 hosts, warm JVM", median(run -> {
                long start = System.nanoTime();
                HostConnections.open(settings).requireAll().close();
                return millis(start);
            }));

            try (HostConnections connections = HostConnections.open(settings).requireAll()) {
                List<Host> hosts = connections.hosts();
                print("install on 3 hosts in parallel, cold", median(run -> {
                    lab.hosts().forEach(host -> host.shOk("rm -rf /opt/etcd"));
                    return timeOnAll(hosts, host -> requireChanged(new ReleaseInstaller(host).install(release, DIR)));
                }));
                print("install on 3 hosts in parallel, already in place", median(run ->
                        timeOnAll(hosts, host -> requireUnchanged(new ReleaseInstaller(host).install(release, DIR)))));
                print("  of which: sha256 of the 3 binaries on 3 hosts", median(run ->
                        timeOnAll(hosts, host -> Facts.describe(host, "check", ReleaseInstaller.paths(release, DIR)))));
                print("  of which: one round trip (true) on 3 hosts", median(run ->
                        timeOnAll(hosts, host -> host.check(Command.of("noop", "true")))));
                FactsQuery everything = FactsQuery.basics().withPaths(ReleaseInstaller.paths(release, DIR))
                        .withEtcdBinary(DIR + "/etcd").withAccount("etcd").withDataDir("/var/lib/etcd")
                        .withUnit("etcd.service");
                print("all facts with the binaries' sha256 on 3 hosts (a no-op apply's one round trip)", median(run ->
                        timeOnAll(hosts, host -> Facts.gather(host, everything))));
                hosts.forEach(host -> host.check(Command.of("one binary changed", "sh", "-c", "echo x >> " + DIR
                        + "/etcdctl")));
                print("install on 3 hosts in parallel, one binary differs (first run only)",
                        timeOnAll(hosts, host -> requireChanged(new ReleaseInstaller(host).install(release, DIR))));
            }
        }
    }

    private static void freshJvmConnect(Lab lab, String mode, String user) throws IOException, InterruptedException {
        List<Long> wall = new ArrayList<>();
        List<String> inside = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), ConnectProbe.class.getName(), mode, user,
                    lab.privateKey().toString(), lab.knownHosts().toString()));
            lab.hosts().stream().map(LabHost::address).forEach(command::add);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the probe failed: " + output);
            }
            wall.add(millis(start));
            inside.add(output);
        }
        print("fresh JVM, " + mode + " as " + user + ": start, connect to 3 hosts, one command each, exit (wall)",
                median(wall));
        System.out.println("    inside the probe, ms: " + inside);
    }

    private static <T> long timeOnAll(List<Host> hosts, Function<Host, T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try {
            long start = System.nanoTime();
            List<Future<T>> all = hosts.stream().map(host -> pool.submit(() -> action.apply(host))).toList();
            for (Future<T> each : all) {
                each.get();
            }
            return millis(start);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static StepResult requireChanged(StepResult result) {
        if (!result.changed()) {
            throw new IllegalStateException("expected an install, got " + result);
        }
        return result;
    }

    private static StepResult requireUnchanged(StepResult result) {
        if (result.changed()) {
            throw new IllegalStateException("expected nothing to do, got " + result);
        }
        return result;
    }

    private static long median(Function<Integer, Long> run) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(run.apply(i));
        }
        return median(times);
    }

    private static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void print(String what, long millis) {
        System.out.printf("%-90s %6d ms%n", what, millis);
    }
}
