package dev.etcdprovision.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void versionNamesTheBuiltVersion() {
        assertEquals(Main.OK, run("--version"));
        assertTrue(out.toString().matches("etcd-provision \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
    }

    @Test
    void helpListsCompletionGeneration() {
        assertEquals(Main.OK, run("--help"));
        assertTrue(out.toString().contains("generate-completion"), out.toString());
    }

    @Test
    void helpListsTheCommandsThatWorkAndEachTakesHelp() {
        assertEquals(Main.OK, run("--help"));
        assertTrue(out.toString().contains("validate"), out.toString());
        assertTrue(out.toString().contains("certs"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(Main.OK, run("certs", "check", "--help"));
        assertTrue(out.toString().contains("--warn-days=DAYS"), out.toString());
        assertTrue(out.toString().contains("-i, --inventory=FILE"), out.toString());
        assertTrue(out.toString().contains("--output=FORMAT"), out.toString());
    }

    @Test
    void completionScriptIsForThisCommand() {
        assertEquals(Main.OK, run("generate-completion"));
        assertTrue(out.toString().contains("complete -F _complete_etcd-provision"), out.toString());
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnStderr() {
        assertEquals(Main.USAGE, run("--no-such-option"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
        assertTrue(err.toString().contains("Run 'etcd-provision --help' for usage."), err.toString());
        assertEquals("", out.toString());
    }
}
