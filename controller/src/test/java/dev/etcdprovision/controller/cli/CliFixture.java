package dev.etcdprovision.controller.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process and keeps what it printed. */
final class CliFixture {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** A valid 3-node inventory in {@code folder} (with its SSH key), its PKI folder next to it. */
    static Path inventory(Path folder, String extraPkiSettings) throws IOException {
        Files.writeString(folder.resolve("id_ed25519"), "key\n");
        return Files.writeString(folder.resolve("inventory.yaml"), """
                cluster:
                  name: k8s1
                  etcdVersion: 3.5.16
                ssh:
                  identityFile: id_ed25519
                pki:
                  keyAlgorithm: ecdsa-p256
                %s
                nodes:
                  - name: k8s1-etcd1
                    address: k8s1-etcd1.k8s.lan
                  - name: k8s1-etcd2
                    address: k8s1-etcd2.k8s.lan
                  - name: k8s1-etcd3
                    address: k8s1-etcd3.k8s.lan
                """.formatted(extraPkiSettings));
    }
}
