package dev.etcdprovision.controller.operate;

import dev.etcdprovision.agent.Shell;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.PkiLayout.ClientCert;
import dev.etcdprovision.controller.render.EtcdUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code env}: etcdctl's settings for this machine, with the admin client certificate of the PKI
 * folder, as shell commands: {@code eval "$(etcd-provision env)"} and etcdctl needs no flags.
 */
public final class EtcdctlEnv {
    private EtcdctlEnv() {}

    /** The variables, in the order printed: every node's client URL, or those of {@code nodes}. */
    public static Map<String, String> variables(Inventory inventory, List<NodeSpec> nodes) {
        PkiLayout pki = new PkiLayout(inventory.pki().dir());
        String admin = PkiLayout.clientCertName(ClientCert.ADMIN);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("ETCDCTL_API", "3");
        variables.put("ETCDCTL_ENDPOINTS", nodes.stream().map(node -> EtcdUrls.client(node, inventory.cluster()))
                .collect(Collectors.joining(",")));
        variables.put("ETCDCTL_CACERT", pki.caCertificate().toString());
        variables.put("ETCDCTL_CERT", pki.certificate(admin).toString());
        variables.put("ETCDCTL_KEY", pki.key(admin).toString());
        return variables;
    }

    /** One {@code export NAME=value} line per variable, every value quoted for a POSIX shell. */
    public static String exports(Map<String, String> variables) {
        return variables.entrySet().stream().map(variable -> "export " + variable.getKey() + "="
                + Shell.quote(variable.getValue()) + "\n").collect(Collectors.joining());
    }
}
