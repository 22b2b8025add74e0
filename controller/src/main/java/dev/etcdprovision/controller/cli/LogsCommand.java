package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.operate.EtcdLogs;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logs NODE}: etcd's journal on that node. */
@Command(name = "logs", description = {"Prints the last lines of etcd's journal on NODE (journalctl -u"
        + " etcd3.service, over SSH); with --follow, then every new line as it comes, until interrupted (Ctrl-C)."})
final class LogsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node, by its name in the inventory.")
    String node;
    @Option(names = {"-n", "--lines"}, paramLabel = "LINES", defaultValue = "100",
            description = "How many of the last lines (default: ${DEFAULT-VALUE}).")
    int lines;
    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;
    @Mixin
    InventoryOption inventory;
    @Mixin
    HostKeysOption hostKeys;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (lines < 0) {
            throw new ParameterException(spec.commandLine(), "--lines must be 0 or more, not " + lines);
        }
        Inventory loaded = inventory.load();
        if (loaded.findNode(node).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no node named " + node + " in the inventory; its nodes"
                    + " are " + loaded.nodeNames());
        }
        PrintWriter out = spec.commandLine().getOut();
        Consumer<String> print = line -> {
            out.println(line);
            out.flush();
        };
        try (ClusterAccess access = ClusterAccess.open(loaded, hostKeys.policy(), List.of(node))) {
            EtcdLogs logs = new EtcdLogs(access.requireHost(node));
            Optional<String> cursor = logs.last(lines, print);
            if (follow) {
                logs.follow(cursor, print);
            }
        }
        return Main.OK;
    }
}
