package dev.etcdprovision.controller.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an inventory file: parse, check the shape against the records, bind with Jackson,
 * resolve relative paths against the file's folder, validate. Every problem is reported at once,
 * each with its field path and line.
 */
public final class InventoryLoader {
    private final Path home;
    private final YAMLFactory yaml;
    private final ObjectMapper mapper;

    /** Expands {@code ~} to the user's home folder. */
    public InventoryLoader() {
        this(Path.of(System.getProperty("user.home")));
    }

    public InventoryLoader(Path home) {
        this.home = home.toAbsolutePath();
        this.yaml = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        SimpleModule textValues = new SimpleModule("inventory-text-values");
        TextValues.PARSERS.forEach((type, parser) -> register(textValues, type, parser));
        this.mapper = new YAMLMapper(yaml)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(textValues);
    }

    /** Loads and validates the file; a file that cannot be read counts as a problem of its own. */
    public Inventory load(Path file) throws InvalidInventoryException {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute);
        } catch (MalformedInputException e) {
            throw new InvalidInventoryException(file, List.of(new Problem("", 0, "is not UTF-8 text")));
        } catch (IOException e) {
            throw new InvalidInventoryException(file, List.of(new Problem("", 0, "cannot be read: " + e)));
        }
        return parse(text, file, absolute.getParent());
    }

    /**
     * Parses inventory text as if it were {@code file}; relative paths in it are relative to
     * {@code folder}.
     */
    public Inventory parse(String text, Path file, Path folder) throws InvalidInventoryException {
        SourceLines lines;
        JsonNode tree;
        try {
            lines = SourceLines.of(yaml, text);
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw new InvalidInventoryException(file, List.of(new Problem("", line, "is not valid YAML: " + message)));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidInventoryException(file, List.of(new Problem("", 0,
                    "is empty; start from inventory.example.yaml")));
        }
        Problems problems = new Problems(lines);
        Optional<JsonNode> checked = new ShapeCheck(problems).check(tree, Inventory.class, "");
        if (checked.isEmpty()) {
            throw new InvalidInventoryException(file, problems.all());
        }
        Inventory inventory;
        try {
            inventory = resolvePaths(mapper.treeToValue(checked.get(), Inventory.class), folder.toAbsolutePath());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inventory that passed the shape check did not bind", e);
        }
        new InventoryValidator(problems).validate(inventory);
        if (!problems.isEmpty()) {
            throw new InvalidInventoryException(file, problems.all());
        }
        return inventory;
    }

    private Inventory resolvePaths(Inventory inventory, Path folder) {
        SshSpec ssh = inventory.ssh();
        return new Inventory(inventory.cluster(),
                ssh.withPaths(resolve(ssh.identityFile(), folder), resolve(ssh.knownHosts(), folder)),
                inventory.pki().withDir(resolve(inventory.pki().dir(), folder)),
                inventory.etcd(), inventory.nodes());
    }

    /** {@code ~/x} is in the home folder, a relative path next to the inventory. */
    private Path resolve(Path path, Path folder) {
        String text = path.toString();
        if (text.equals("~") || text.startsWith("~/")) {
            return home.resolve(text.substring(Math.min(2, text.length()))).normalize();
        }
        return folder.resolve(path).normalize();
    }

    private static <T> void register(SimpleModule module, Class<T> type, Function<String, ?> parser) {
        module.addDeserializer(type, new FromStringDeserializer<T>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext context) {
                return type.cast(parser.apply(value));
            }
        });
    }

}
