package dev.etcdprovision.controller.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the inventory a command works on: the file given on the command line, else
 * {@code inventory.yaml} in the current folder (so that {@code etcd-provision replace-node
 * k8s1-etcd1} works as written in a runbook).
 */
public final class InventoryLocator {
    public static final String DEFAULT_FILE_NAME = "inventory.yaml";

    private InventoryLocator() {}

    public static Path locate(Optional<Path> given, Path currentFolder) throws InventoryNotFoundException {
        if (given.isPresent()) {
            Path file = given.get();
            if (!Files.isRegularFile(file)) {
                throw new InventoryNotFoundException("the inventory " + file + " does not exist"
                        + (Files.isDirectory(file) ? " as a file (it is a folder)" : ""));
            }
            return file;
        }
        Path fallback = currentFolder.resolve(DEFAULT_FILE_NAME);
        if (Files.isRegularFile(fallback)) {
            return fallback;
        }
        throw new InventoryNotFoundException("no inventory: give one with -i/--inventory FILE, or put "
                + DEFAULT_FILE_NAME + " in the current folder (" + currentFolder.toAbsolutePath() + ")");
    }

    /** Neither the command line nor the current folder names an inventory file. */
    public static final class InventoryNotFoundException extends Exception {
        public InventoryNotFoundException(String message) {
            super(message);
        }
    }
}
