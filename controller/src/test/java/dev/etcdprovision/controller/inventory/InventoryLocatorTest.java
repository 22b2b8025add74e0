package dev.etcdprovision.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.inventory.InventoryLocator.InventoryNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLocatorTest {
    @TempDir
    Path folder;

    @Test
    void aGivenFileWinsOverTheCurrentFolder() throws Exception {
        Path given = Files.writeString(folder.resolve("other.yaml"), "");
        Files.writeString(folder.resolve("inventory.yaml"), "");
        assertEquals(given, InventoryLocator.locate(Optional.of(given), folder));
    }

    @Test
    void withoutOneItIsInventoryYamlInTheCurrentFolder() throws Exception {
        Path fallback = Files.writeString(folder.resolve("inventory.yaml"), "");
        assertEquals(fallback, InventoryLocator.locate(Optional.empty(), folder));
    }

    @Test
    void noInventoryAnywhereSaysBothWays() {
        InventoryNotFoundException missing = assertThrows(InventoryNotFoundException.class,
                () -> InventoryLocator.locate(Optional.empty(), folder));
        assertEquals("no inventory: give one with -i/--inventory FILE, or put inventory.yaml in the current folder ("
                + folder + ")", missing.getMessage());
    }

    @Test
    void aGivenFileThatIsMissingOrAFolderIsNamed() throws IOException {
        Path missing = folder.resolve("typo.yaml");
        assertEquals("the inventory " + missing + " does not exist", assertThrows(InventoryNotFoundException.class,
                () -> InventoryLocator.locate(Optional.of(missing), folder)).getMessage());
        Path dir = Files.createDirectories(folder.resolve("dir.yaml"));
        assertTrue(assertThrows(InventoryNotFoundException.class, () -> InventoryLocator.locate(Optional.of(dir),
                folder)).getMessage().endsWith("(it is a folder)"));
    }
}
