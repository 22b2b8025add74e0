package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.inventory.ByteSize;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.operate.AdminCertificate;
import dev.etcdprovision.controller.operate.ClusterStatus;
import dev.etcdprovision.controller.operate.ClusterStatus.Report;
import dev.etcdprovision.controller.operate.ClusterStatus.Row;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: one row per member and inventory node, from etcd's API alone. */
@Command(name = "status", description = {"Shows every member and every inventory node: member ID, version, leader,"
        + " learner, raft term and index, database size and size in use, alarms, health, and the days left until"
        + " the first of its certificates expires (its server and peer certificates in the PKI folder).",
        "Talks to etcd only (no SSH). A member that does not answer or is unhealthy, an inventory node that is not a"
                + " member and a member that is not in the inventory are shown with what is wrong, and make the exit"
                + " code 1."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    InventoryOption inventory;
    @Mixin
    OutputOption output;
    @Spec
    CommandSpec spec;

    /** The report for scripts; sizes in bytes. */
    record StatusJson(String cluster, boolean healthy, String leader, List<Row> members, List<String> notes) {}

    @Override
    public Integer call() throws Exception {
        Inventory loaded = inventory.load();
        AdminCertificate.require(loaded);
        Report report;
        try (ClusterAccess access = ClusterAccess.etcdOnly(loaded)) {
            report = ClusterStatus.ask(access, Instant.now());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOption.writeJson(out, new StatusJson(report.cluster(), report.healthy(), report.leader(),
                    report.rows(), report.notes()));
        } else {
            print(report, out);
        }
        return report.healthy() ? Main.OK : Main.FAILURE;
    }

    private static void print(Report report, PrintWriter out) {
        Table table = new Table("NAME", "ENDPOINT", "ID", "VERSION", "LEADER", "LEARNER", "TERM", "INDEX", "DB SIZE",
                "IN USE", "ALARMS", "CERT DAYS", "STATUS");
        for (Row row : report.rows()) {
            table.add(row.name(), row.endpoint(), row.memberId(), row.version(), yesNo(row.leader()),
                    yesNo(row.learner()), text(row.raftTerm()), text(row.raftIndex()), size(row.dbSize()),
                    size(row.dbSizeInUse()), String.join(",", row.alarms()), text(row.certificateDaysLeft()),
                    row.healthy() ? "healthy" : row.problem());
        }
        table.print(out);
        report.notes().forEach(note -> out.println("[status] " + note));
        List<Row> attention = report.needingAttention();
        String leader = report.leader() == null ? "no leader" : "leader " + report.leader();
        out.println(report.healthy()
                ? "[status] cluster " + report.cluster() + ": " + report.rows().size() + " members, all healthy; "
                        + leader
                : "[status] cluster " + report.cluster() + ": " + attention.size() + " of " + report.rows().size()
                        + " need attention (" + String.join(", ", attention.stream().map(Row::name).toList()) + "); "
                        + leader);
    }

    private static String yesNo(Boolean value) {
        return value == null ? "" : value ? "yes" : "no";
    }

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }

    private static String size(Long bytes) {
        return bytes == null ? "" : new ByteSize(bytes).approximate();
    }
}
