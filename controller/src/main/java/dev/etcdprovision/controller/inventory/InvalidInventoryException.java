package dev.etcdprovision.controller.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The inventory file has problems; all of them, each with its field path and line. */
public final class InvalidInventoryException extends Exception {
    private final Path file;
    private final List<Problem> problems;

    public InvalidInventoryException(Path file, List<Problem> problems) {
        super(problems.stream().map(problem -> problem.describe(file)).collect(Collectors.joining("\n")));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
