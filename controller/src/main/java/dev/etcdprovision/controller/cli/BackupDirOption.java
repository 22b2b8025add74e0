package dev.etcdprovision.controller.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --backup-dir DIR}: where snapshots go, {@code backups/} next to the inventory by default. */
public final class BackupDirOption {
    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where snapshots are saved, by snapshot"
            + " save and before risky steps such as an upgrade (default: backups/ next to the inventory).")
    Path folder;

    public Path folder(Path inventoryFile) {
        return folder != null ? folder.toAbsolutePath()
                : inventoryFile.toAbsolutePath().getParent().resolve("backups");
    }
}
