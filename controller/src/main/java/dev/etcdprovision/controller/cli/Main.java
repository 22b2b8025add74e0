package dev.etcdprovision.controller.cli;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.controller.inventory.InvalidInventoryException;
import dev.etcdprovision.controller.inventory.InventoryLocator.InventoryNotFoundException;
import dev.etcdprovision.controller.pki.PkiException;
import dev.etcdprovision.controller.render.TemplateException;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code etcd-provision} command line: a thin client over the controller's engine. */
@Command(
        name = "etcd-provision",
        mixinStandardHelpOptions = true,
        // every subcommand takes --help (and --version) too
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "Provisions and operates TLS-secured etcd clusters on systemd hosts over SSH.",
        subcommands = {ApplyCommand.class, PlanCommand.class, ReplaceNodeCommand.class, ValidateCommand.class,
                StatusCommand.class, SnapshotCommand.class, DefragCommand.class, EnvCommand.class,
                KubeadmConfigCommand.class, LogsCommand.class, CertsCommand.class, AutoComplete.GenerateCompletion.class})
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
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(Main::failed);
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

    /**
     * Turns what a command threw into a message and an exit code by kind: the user reads what is
     * wrong and what to do, never a stack trace.
     */
    private static int failed(Exception exception, CommandLine failed, ParseResult parseResult) {
        PrintWriter err = failed.getErr();
        if (exception instanceof InvalidInventoryException invalid) {
            invalid.problems().forEach(problem -> err.println(problem.describe(invalid.file())));
            int count = invalid.problems().size();
            err.println(invalid.file() + ": " + count + (count == 1 ? " problem" : " problems")
                    + "; fix " + (count == 1 ? "it" : "them") + " and run the command again");
            return INVALID_INPUT;
        }
        if (exception instanceof InventoryNotFoundException notFound) {
            err.println("etcd-provision: " + notFound.getMessage());
            return USAGE;
        }
        if (exception instanceof PkiException pki) {
            err.println("[certs] " + pki.getMessage());
            return INVALID_INPUT;
        }
        if (exception instanceof PhaseFailure phase) {
            return Failures.print(phase, err);
        }
        if (exception instanceof HostException host) {
            err.println(host.getMessage());
            host.hint().ifPresent(hint -> err.println("  hint: " + hint));
            return FAILURE;
        }
        if (exception instanceof TemplateException template) {
            err.println("[render] " + template.getMessage());
            return INVALID_INPUT;
        }
        err.println("etcd-provision " + failed.getCommandName() + " failed: " + exception);
        return FAILURE;
    }

    public static void main(String[] args) {
        QuietLogs.install();
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
