package dev.etcdprovision.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void showsOnlyTheChangedLinesOldBeforeNew() {
        String before = "A=1\nB=2\nC=3\nD=4\n";
        String after = "A=1\nB=20\nC=3\nE=5\nD=4\n";
        assertEquals(List.of("-B=2", "+B=20", "+E=5"), LineDiff.of(before, after));
    }

    @Test
    void identicalTextsHaveNoDiffAndEmptyOnesAreAllAddedOrRemoved() {
        assertEquals(List.of(), LineDiff.of("x\ny\n", "x\ny\n"));
        assertEquals(List.of("+x", "+y"), LineDiff.of("", "x\ny\n"));
        assertEquals(List.of("-x"), LineDiff.of("x\n", ""));
    }
}
