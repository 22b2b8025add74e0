package dev.etcdprovision.controller.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A table for the terminal: each column as wide as its widest cell, the last one (free text) not padded. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /** A row; an empty cell shows as {@code -}. */
    Table add(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of " + columns + " cells, not " + cells.length);
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = cells[i] == null || cells[i].isEmpty() ? "-" : cells[i];
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.append(row[columns - 1]));
        }
    }
}
