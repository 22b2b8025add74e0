package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.pki.CertCheck;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.pki.PkiReport;
import dev.etcdprovision.controller.pki.PkiReport.Action;
import dev.etcdprovision.controller.pki.PkiReport.Outcome;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The cluster's CA and certificates, kept in the PKI folder on this machine. */
@Command(name = "certs", description = "The CA and certificates of the cluster, in the PKI folder on this machine.",
        subcommands = {CertsCommand.Generate.class, CertsCommand.Check.class})
final class CertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: generate or check");
    }

    @Command(name = "generate", description = {"Creates the CA and every certificate the inventory needs, keeps"
            + " those still good, reissues the rest, and says which and why.",
            "A certificate is kept only if the CA issued it, it has the wanted names, usages and key algorithm,"
                    + " and more than a third of its lifetime is left."})
    static final class Generate implements Callable<Integer> {
        @Mixin
        InventoryOption inventory;
        @Mixin
        OutputOption output;
        @Spec
        CommandSpec spec;

        record OutcomeJson(String certificate, String action, String reason) {}

        record ReportJson(String dir, List<OutcomeJson> certificates) {}

        @Override
        public Integer call() throws Exception {
            Inventory loaded = inventory.load();
            PkiReport report = new PkiGenerator().generate(loaded, Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                OutputOption.writeJson(out, new ReportJson(report.dir().toString(), report.outcomes().stream()
                        .map(outcome -> new OutcomeJson(outcome.name() + ".crt", lower(outcome.action()),
                                outcome.reason()))
                        .toList()));
                return Main.OK;
            }
            for (Outcome outcome : report.outcomes()) {
                out.printf("[certs] %-8s %s%s%n", lower(outcome.action()), outcome.name() + ".crt",
                        outcome.reason().isEmpty() ? "" : ": " + outcome.reason());
            }
            out.printf("[certs] %d certificates in %s: %d created, %d reused, %d reissued%n",
                    report.outcomes().size(), report.dir(), report.count(Action.CREATED),
                    report.count(Action.REUSED), report.count(Action.REISSUED));
            return Main.OK;
        }
    }

    @Command(name = "check", description = {"Lists every certificate the inventory needs: subject, names, end"
            + " date, days left and status. Changes nothing.",
            "Exits with 1 when one expires within --warn-days, has expired, is missing or is not what the inventory"
                    + " asks for; `certs generate` then fixes it."})
    static final class Check implements Callable<Integer> {
        private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC);

        @Mixin
        InventoryOption inventory;
        @Mixin
        OutputOption output;
        @Option(names = "--warn-days", paramLabel = "DAYS", defaultValue = "30",
                description = "Warn about certificates that expire within this many days (default: ${DEFAULT-VALUE}).")
        int warnDays;
        @Spec
        CommandSpec spec;

        record RowJson(String file, String subject, List<String> sans, String notAfter, Long daysLeft, String status,
                String detail) {}

        @Override
        public Integer call() throws Exception {
            if (warnDays < 0) {
                throw new ParameterException(spec.commandLine(), "--warn-days must be 0 or more, not " + warnDays);
            }
            Inventory loaded = inventory.load();
            List<CertCheck.Row> rows = CertCheck.check(loaded, Instant.now(), warnDays);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                OutputOption.writeJson(out, rows.stream().map(row -> new RowJson(row.file(), row.subject(), row.sans(),
                        row.notAfter() == null ? null : row.notAfter().toString(), row.daysLeft(),
                        row.status().toString(), row.detail())).toList());
            } else {
                printTable(out, rows);
            }
            long attention = rows.stream().filter(row -> row.status().needsAttention()).count();
            if (!output.json()) {
                out.println(attention == 0 ? "[certs] all " + rows.size() + " certificates are fine"
                        : "[certs] " + attention + " of " + rows.size() + " certificates need attention"
                                + " (expiring within " + warnDays + " days, expired, missing or not what the inventory"
                                + " asks for): run etcd-provision certs generate");
            }
            return attention == 0 ? Main.OK : Main.FAILURE;
        }

        private static void printTable(PrintWriter out, List<CertCheck.Row> rows) {
            Table table = new Table("FILE", "SUBJECT", "SANS", "NOT AFTER", "DAYS", "STATUS");
            for (CertCheck.Row row : rows) {
                table.add(row.file(), row.subject(), String.join(",", row.sans()),
                        row.notAfter() == null ? "" : DATE.format(row.notAfter()),
                        row.daysLeft() == null ? "" : row.daysLeft().toString(),
                        row.status() + (row.detail().isEmpty() ? "" : ": " + row.detail()));
            }
            table.print(out);
        }
    }

    private static String lower(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}
