package dev.etcdprovision.controller.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.lab.LocalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env}'s lines, evaluated by a real POSIX shell: every value arrives as it was, whatever it holds. */
class EtcdctlEnvTest {
    @TempDir
    Path folder;

    private Inventory inventory(String pkiDir) throws Exception {
        Files.writeString(folder.resolve("id_ed25519"), "key\n");
        return new InventoryLoader().load(Files.writeString(folder.resolve("inventory.yaml"), """
                cluster: {name: k8s1, etcdVersion: 3.5.16, clientPort: 12379}
                ssh: {identityFile: id_ed25519}
                pki: {dir: "%s"}
                nodes:
                  - {name: etcd1, address: 192.0.2.1}
                  - {name: etcd2, address: "2001:db8::2"}
                  - {name: etcd3, address: etcd3.k8s.lan}
                """.formatted(pkiDir)));
    }

    @Test
    void everyNodesClientUrlAndTheAdminCertificateByAbsolutePath() throws Exception {
        Inventory inventory = inventory("pki");
        Path pki = folder.resolve("pki").toAbsolutePath();
        Map<String, String> variables = EtcdctlEnv.variables(inventory, inventory.nodes());
        assertEquals(List.of("ETCDCTL_API", "ETCDCTL_ENDPOINTS", "ETCDCTL_CACERT", "ETCDCTL_CERT", "ETCDCTL_KEY"),
                List.copyOf(variables.keySet()));
        assertEquals("https://192.0.2.1:12379,https://[2001:db8::2]:12379,https://etcd3.k8s.lan:12379",
                variables.get("ETCDCTL_ENDPOINTS"));
        assertEquals(pki.resolve("clients/admin.key").toString(), variables.get("ETCDCTL_KEY"));
        assertEquals("https://192.0.2.1:12379", EtcdctlEnv.variables(inventory, List.of(inventory.node("etcd1")))
                .get("ETCDCTL_ENDPOINTS"));
    }

    @Test
    void aShellGetsEveryValueBackExactlyEvenWithSpacesQuotesAndDollars() throws Exception {
        Inventory inventory = inventory("my pki's $HOME `x`");
        Map<String, String> variables = EtcdctlEnv.variables(inventory, inventory.nodes());
        String exports = EtcdctlEnv.exports(variables);
        assertEquals(5, exports.lines().filter(line -> line.startsWith("export ETCDCTL_")).count(), exports);

        // env is a child of the shell: it sees what was exported
        LocalProcess.Result shell = LocalProcess.run(Duration.ofSeconds(10), List.of("sh", "-c", "eval \"$1\" && env",
                "sh", exports));
        assertEquals(0, shell.exitCode(), shell.stderr());
        Map<String, String> seen = new LinkedHashMap<>();
        shell.stdout().lines().filter(line -> line.startsWith("ETCDCTL_"))
                .forEach(line -> seen.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        assertEquals(variables, seen);
    }
}
