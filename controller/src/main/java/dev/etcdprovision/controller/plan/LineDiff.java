package dev.etcdprovision.controller.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines that differ between two small texts ({@code -old}, {@code +new}), from their longest
 * common subsequence: enough for a plan to show what changes in a rendered file. Where a line
 * is replaced, the old one comes first.
 */
public final class LineDiff {
    private LineDiff() {}

    public static List<String> of(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> diff = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] > common[i + 1][j])) {
                diff.add("+" + b.get(j++));
            } else {
                diff.add("-" + a.get(i++));
            }
        }
        return diff;
    }
}
