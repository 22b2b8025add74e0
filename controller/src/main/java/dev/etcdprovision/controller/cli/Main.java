package dev.etcdprovision.controller.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code etcd-provision} command line: a thin client over the controller's engine. */
@Command(
        name = "etcd-provision",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Provisions and operates TLS-secured etcd clusters on systemd hosts over SSH.",
        subcommands = {AutoComplete.GenerateCompletion.class})
public final class Main {

    // Exit codes by kind of failure, as the README documents them.
    /** Done. */
    public static final int OK = 0;
    /** A step failed on a host or in the cluster. */
    public static final int FAILURE = 1;
    /** `plan --detailed-exitcode` only: the plan has changes. */
    public static final int CHANGES_PENDING = 2;
    /** The command line is wrong (sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /** The inventory or another input file is invalid (sysexits EX_DATAERR). */
    public static final int INVALID_INPUT = 65;
    /** Preflight found hosts or a cluster not fit to proceed; nothing was changed (EX_UNAVAILABLE). */
    public static final int PREFLIGHT = 69;

    /** Runs the command line with the given streams and returns the exit code; never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(exception -> FAILURE);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println(exception.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, failed.getErr())) {
                failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return USAGE;
        });
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"etcd-provision " + version()};
        }
    }

    /** The version Maven put in the jar. */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/dev/etcdprovision/controller/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
