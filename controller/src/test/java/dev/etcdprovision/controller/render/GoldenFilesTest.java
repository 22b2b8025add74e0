package dev.etcdprovision.controller.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.inventory.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact files each node gets, compared with golden files in src/test/resources/golden/CASE/NODE/.
 * After an intended change, regenerate them and review the diff:
 * {@code mvn -B -pl controller -am verify -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}.
 */
class GoldenFilesTest {
    static final String TOKEN_SUFFIX = "-0123abcd";

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"one-node", "three-nodes", "ip-addresses"})
    void renderedFilesMatchTheGoldenFiles(String goldenCase) throws Exception {
        Path golden = goldenFolder().resolve(goldenCase);
        // the three-node case is the example inventory of the repository itself
        Path inventoryFile = goldenCase.equals("three-nodes")
                ? Path.of(System.getProperty("project.root"), "inventory.example.yaml")
                : golden.resolve("inventory.yaml");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key\n");
        Inventory inventory = new InventoryLoader(home).load(inventoryFile);
        String token = inventory.cluster().name() + TOKEN_SUFFIX;

        List<String> mismatches = new ArrayList<>();
        Renderer renderer = new Renderer();
        for (NodeSpec node : inventory.nodes()) {
            for (RemoteFile file : renderer.render(NodeModel.of(inventory, node, viewFor(goldenCase, inventory, node,
                    token))).all()) {
                Path expected = golden.resolve(node.name()).resolve(Path.of(file.path()).getFileName());
                if (Boolean.getBoolean("golden.update")) {
                    Files.createDirectories(expected.getParent());
                    Files.writeString(expected, file.text());
                }
                String actual = file.text();
                if (!Files.exists(expected) || !Files.readString(expected).equals(actual)) {
                    mismatches.add(expected + ":\n" + actual);
                }
            }
        }
        // updating writes the files; a comparison with what was just written could not fail
        Assumptions.assumeFalse(Boolean.getBoolean("golden.update"), "golden files rewritten under " + golden
                + "; review `git diff`, then run again without -Dgolden.update");
        assertEquals(List.of(), mismatches, "rendered files differ from the golden ones; if intended, regenerate"
                + " with -Dgolden.update=true and review the diff");
    }

    /** The IP case has its last node join the first two (existing); the others form a new cluster. */
    private static ClusterView viewFor(String goldenCase, Inventory inventory, NodeSpec node, String token) {
        List<NodeSpec> nodes = inventory.nodes();
        if (goldenCase.equals("ip-addresses") && node.equals(nodes.get(nodes.size() - 1))) {
            List<String> current = nodes.subList(0, nodes.size() - 1).stream()
                    .map(member -> EtcdUrls.member(member, inventory.cluster())).toList();
            return ClusterView.joining(current, node, inventory, token);
        }
        return ClusterView.forming(inventory, token);
    }

    /** In the source tree, so that an update lands where it is committed. */
    static Path goldenFolder() throws IOException {
        Path folder = Path.of(System.getProperty("project.root"), "controller/src/test/resources/golden");
        try (Stream<Path> cases = Files.list(folder)) {
            if (cases.findAny().isEmpty()) {
                throw new IOException("no golden cases in " + folder);
            }
        }
        return folder;
    }
}
