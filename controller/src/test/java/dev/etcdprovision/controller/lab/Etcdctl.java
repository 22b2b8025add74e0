package dev.etcdprovision.controller.lab;

import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.lab.EtcdReleases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real etcdctl on this machine with the cluster's admin client certificate, as a runbook
 * checks a cluster: independent of the tool under test.
 */
public final class Etcdctl {
    private final PkiLayout pki;

    public Etcdctl(Path pkiFolder) {
        this.pki = new PkiLayout(pkiFolder);
    }

    /** Runs etcdctl against {@code endpoints} (comma-separated client URLs); fails on a non-zero exit. */
    public String run(String endpoints, String... args) {
        LocalProcess.Result result = tryRun(endpoints, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("etcdctl " + String.join(" ", args) + " against " + endpoints + " exited "
                    + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }

    public LocalProcess.Result tryRun(String endpoints, String... args) {
        String admin = PkiLayout.clientCertName(PkiLayout.ClientCert.ADMIN);
        List<String> command = new ArrayList<>(List.of(EtcdBinaries.etcdctl(EtcdReleases.V3_5).toString(),
                "--endpoints=" + endpoints, "--cacert=" + pki.caCertificate(), "--cert=" + pki.certificate(admin),
                "--key=" + pki.key(admin), "--command-timeout=10s"));
        command.addAll(List.of(args));
        return LocalProcess.run(Duration.ofSeconds(30), command);
    }
}
