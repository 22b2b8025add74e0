package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.InvalidInventoryException;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.inventory.InventoryLocator;
import dev.etcdprovision.controller.inventory.InventoryLocator.InventoryNotFoundException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -i/--inventory FILE} for every command that works on a cluster; without it,
 * {@code inventory.yaml} in the current folder.
 */
public final class InventoryOption {
    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "The inventory file (default: inventory.yaml in the current folder).")
    Path file;

    /** The inventory file this command works on. */
    public Path locate() throws InventoryNotFoundException {
        return locate(Optional.ofNullable(file));
    }

    /** Loads and validates the inventory this command works on. */
    public Inventory load() throws InventoryNotFoundException, InvalidInventoryException {
        return new InventoryLoader().load(locate());
    }

    static Path locate(Optional<Path> given) throws InventoryNotFoundException {
        return InventoryLocator.locate(given, Path.of("").toAbsolutePath());
    }
}
