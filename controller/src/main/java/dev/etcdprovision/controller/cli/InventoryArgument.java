package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.InvalidInventoryException;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.inventory.InventoryLocator.InventoryNotFoundException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The inventory as a positional argument ({@code etcd-provision apply inventory.yaml}) or as
 * {@code -i FILE}; without either, {@code inventory.yaml} in the current folder.
 */
public final class InventoryArgument {
    @Mixin
    InventoryOption option;

    @Parameters(arity = "0..1", paramLabel = "INVENTORY",
            description = "The inventory file (default: inventory.yaml in the current folder).")
    Path positional;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public Path locate() throws InventoryNotFoundException {
        if (positional != null && option.file != null && !positional.equals(option.file)) {
            throw new ParameterException(command.commandLine(), "give the inventory once: either as INVENTORY or"
                    + " with -i, not " + positional + " and " + option.file);
        }
        return InventoryOption.locate(Optional.ofNullable(positional != null ? positional : option.file));
    }

    public Inventory load() throws InventoryNotFoundException, InvalidInventoryException {
        return new InventoryLoader().load(locate());
    }
}
