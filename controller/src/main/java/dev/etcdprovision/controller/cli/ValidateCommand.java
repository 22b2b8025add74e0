package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.InvalidInventoryException;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.render.ClusterView;
import dev.etcdprovision.controller.render.NodeModel;
import dev.etcdprovision.controller.render.Renderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks an inventory (and the templates it will be rendered with) without touching anything. */
@Command(name = "validate", description = {"Checks the inventory: prints ok and a summary, or every problem with its"
        + " field and line.", "Also renders every node's files once, so that a mistake in a --templates override"
        + " shows now."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    InventoryArgument inventory;
    @Mixin
    TemplatesOption templates;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    record NodeSummary(String name, String address) {}

    record Valid(boolean valid, String file, String cluster, String etcdVersion, List<NodeSummary> nodes,
            String pkiDir, String keyAlgorithm) {}

    record ProblemJson(int line, String path, String message) {}

    record Invalid(boolean valid, String file, List<ProblemJson> problems) {}

    @Override
    public Integer call() throws Exception {
        Path file = inventory.locate();
        Inventory loaded;
        try {
            loaded = inventory.load();
        } catch (InvalidInventoryException invalid) {
            if (!output.json()) {
                throw invalid;
            }
            OutputOption.writeJson(out(), new Invalid(false, file.toString(), invalid.problems().stream()
                    .map(problem -> new ProblemJson(problem.line(), problem.path(), problem.message())).toList()));
            return Main.INVALID_INPUT;
        }
        renderEveryNode(loaded, templates.renderer());
        if (output.json()) {
            OutputOption.writeJson(out(), new Valid(true, file.toString(), loaded.cluster().name(),
                    loaded.cluster().etcdVersion(),
                    loaded.nodes().stream().map(node -> new NodeSummary(node.name(), node.address())).toList(),
                    loaded.pki().dir().toString(), loaded.pki().keyAlgorithm().toString()));
        } else {
            out().println("ok: cluster " + loaded.cluster().name() + ", etcd " + loaded.cluster().etcdVersion() + ", "
                    + loaded.nodes().size() + (loaded.nodes().size() == 1 ? " node (" : " nodes (")
                    + String.join(", ", loaded.nodeNames()) + "), " + loaded.pki().keyAlgorithm()
                    + " certificates in " + loaded.pki().dir());
        }
        return Main.OK;
    }

    /** The token only matters on a node; any stands in here. */
    private static void renderEveryNode(Inventory inventory, Renderer renderer) {
        ClusterView view = ClusterView.forming(inventory, inventory.cluster().name());
        for (NodeSpec node : inventory.nodes()) {
            renderer.render(NodeModel.of(inventory, node, view));
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
