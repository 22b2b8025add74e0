package dev.etcdprovision.controller.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file, each placed on the line of its field. */
final class Problems {
    private final SourceLines lines;
    private final List<Problem> found = new ArrayList<>();

    Problems(SourceLines lines) {
        this.lines = lines;
    }

    /**
     * Records a problem, unless its field has one already: a value the shape check rejected has
     * been replaced by its default or left out, and must not be blamed a second time.
     */
    void add(String path, String message) {
        if (found.stream().noneMatch(problem -> problem.path().equals(path))) {
            found.add(new Problem(path, lines.lineOf(path), message));
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In the order of the file, so the report reads top to bottom. */
    List<Problem> all() {
        return found.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
    }
}
