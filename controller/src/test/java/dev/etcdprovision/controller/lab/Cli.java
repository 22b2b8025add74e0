package dev.etcdprovision.controller.lab;

import dev.etcdprovision.controller.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line run in-process, as an operator runs it, with what it printed. */
public final class Cli {
    private Cli() {}

    public record Run(int exitCode, String out, String err) {
        /** Everything printed, for messages of failed assertions. */
        public String printed() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
