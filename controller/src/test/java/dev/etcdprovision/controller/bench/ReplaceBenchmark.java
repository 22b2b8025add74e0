package dev.etcdprovision.controller.bench;

import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.lab.Lab;
import dev.etcdprovision.lab.LabHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall seconds of {@code bin/etcd-provision replace-node} (JVM start included) until the new
 * member is a healthy voter: a 3-member cluster whose second host died and came back blank.
 *
 * <pre>lab/benchmark.sh ReplaceBenchmark</pre>
 */
public final class ReplaceBenchmark {
    private static final int RUNS = 3;

    private ReplaceBenchmark() {}

    public static void main(String[] args) {
        Launcher launcher = new Launcher();
        try (Lab lab = Lab.withHosts(3).start()) {
            Path inventory = LabInventory.in(lab, "bench").write();
            launcher.run("apply", inventory.toString());
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                LabHost host = lab.host(2);
                host.kill();
                host.replaceWithBlank(LabHost.HostKeys.RECORD_NEW);
                seconds.add(launcher.run("replace-node", "etcd2", "-i", inventory.toString()));
            }
            Launcher.print("replace a dead member (blank host)", seconds, 6.0);
        }
    }
}
