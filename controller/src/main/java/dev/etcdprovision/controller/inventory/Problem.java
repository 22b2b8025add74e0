package dev.etcdprovision.controller.inventory;

import java.nio.file.Path;

/**
 * One thing wrong with an input file: where (field path and line, 0 when the file has no such
 * line) and what to do about it.
 */
public record Problem(String path, int line, String message) {

    /** {@code inventory.yaml:12: nodes[1].address: ...}, the form editors and grep understand. */
    public String describe(Path file) {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
