package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.operate.AdminCertificate;
import dev.etcdprovision.controller.operate.EtcdctlEnv;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code env}: etcdctl's settings for this machine, as shell commands. */
@Command(name = "env", description = {"Prints etcdctl's settings for this machine as shell commands (export"
        + " ETCDCTL_API=3 ETCDCTL_ENDPOINTS=... ETCDCTL_CACERT=... ETCDCTL_CERT=... ETCDCTL_KEY=...): every node's"
        + " client URL, or NODE's, and the admin client certificate of the PKI folder, by absolute path.",
        "Use: eval \"$(etcd-provision env)\", then etcdctl member list -w table."})
final class EnvCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "NODE", description = "Only this node's client URL.")
    String node;
    @Mixin
    InventoryOption inventory;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inventory loaded = inventory.load();
        List<NodeSpec> nodes = loaded.nodes();
        if (node != null) {
            nodes = List.of(loaded.findNode(node).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no node named " + node + " in the inventory; its nodes are " + loaded.nodeNames())));
        }
        AdminCertificate.require(loaded);
        spec.commandLine().getOut().print(EtcdctlEnv.exports(EtcdctlEnv.variables(loaded, nodes)));
        return Main.OK;
    }
}
