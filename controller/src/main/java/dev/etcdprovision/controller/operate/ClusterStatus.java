package dev.etcdprovision.controller.operate;

import dev.etcdprovision.controller.access.ClusterAccess;
import dev.etcdprovision.controller.cluster.Alarm;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.cluster.MemberIds;
import dev.etcdprovision.controller.cluster.MemberStatus;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.Observer;
import dev.etcdprovision.controller.pki.CertCheck;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.ServingCertificates;
import dev.etcdprovision.controller.render.EtcdUrls;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code status}: every member and every inventory node as etcd's API shows them (no SSH), one
 * row each. A member that does not answer, or is unhealthy, is a row that says why, never left
 * out; so is an inventory node that is not a member, and a member that is not in the inventory.
 */
public final class ClusterStatus {
    private ClusterStatus() {}

    /**
     * One member or inventory node. Values etcd did not give (the member did not answer, or it is not
     * a member) are null. {@code certificateDaysLeft}: days until the first of the node's server and
     * peer certificates in the PKI folder expires. {@code problem} says why the row is not healthy.
     */
    public record Row(String name, String endpoint, String memberId, boolean inInventory, boolean member,
            String version, Boolean leader, Boolean learner, Long raftTerm, Long raftIndex, Long dbSize,
            Long dbSizeInUse, List<String> alarms, Long certificateDaysLeft, boolean healthy, String problem) {

        public Row {
            alarms = List.copyOf(alarms);
        }
    }

    /**
     * The whole cluster. {@code leader} is null when no member knows one; {@code notes} are problems
     * that belong to no row (the alarms could not be read).
     */
    public record Report(String cluster, String leader, List<Row> rows, List<String> notes) {

        public Report {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }

        /** Whether the cluster is exactly the inventory, every member healthy and without alarms. */
        public boolean healthy() {
            return notes.isEmpty() && rows.stream().allMatch(Row::healthy);
        }

        public List<Row> needingAttention() {
            return rows.stream().filter(row -> !row.healthy()).toList();
        }
    }

    /** Asks the cluster: its members, each member's status and health at once, then the alarms. */
    public static Report ask(ClusterAccess access, Instant now) {
        ClusterObservation cluster = new Observer(access).observeCluster().join();
        Optional<List<Alarm>> alarms = Optional.empty();
        List<String> notes = new ArrayList<>();
        // etcd lists alarms through its consensus log: without a quorum the call could only time out
        if (cluster.hasQuorum()) {
            try {
                alarms = Optional.of(access.cluster().alarms());
            } catch (MembershipException e) {
                notes.add("the alarms could not be read: " + e.getMessage());
            }
        }
        PkiLayout pki = new PkiLayout(access.inventory().pki().dir());
        Report report = of(access.inventory(), cluster, alarms.orElse(List.of()),
                name -> ServingCertificates.earliestExpiry(pki, name), now);
        List<String> all = new ArrayList<>(notes);
        all.addAll(report.notes());
        return new Report(report.cluster(), report.leader(), report.rows(), all);
    }

    /**
     * The rows, from what the cluster said: the inventory's nodes in its order (members or not),
     * then the members that are not in the inventory.
     *
     * @param certificateExpiry when a node's serving certificates expire first, by node name
     */
    public static Report of(Inventory inventory, ClusterObservation cluster, List<Alarm> alarms,
                            Function<String, Optional<Instant>> certificateExpiry, Instant now) {
        List<Row> rows = new ArrayList<>();
        List<ClusterMember> shown = new ArrayList<>();
        Function<String, Long> days = name -> certificateExpiry.apply(name)
                .map(notAfter -> CertCheck.daysLeft(notAfter, now)).orElse(null);
        for (NodeSpec node : inventory.nodes()) {
            Optional<ClusterMember> member = memberOf(node, inventory, cluster);
            member.ifPresent(shown::add);
            String endpoint = EtcdUrls.client(node, inventory.cluster());
            rows.add(member.map(found -> memberRow(node.name(), endpoint, true, found, cluster, alarms,
                    days.apply(node.name()))).orElseGet(() -> new Row(node.name(), endpoint, null, true, false, null,
                    null, null, null, null, null, null, List.of(), days.apply(node.name()), false,
                    cluster.answered() ? "not a member of the cluster (apply adds it)"
                            : "no member answered: " + cluster.problem().orElse("no endpoint"))));
        }
        for (ClusterMember member : cluster.members()) {
            if (!shown.contains(member)) {
                String name = member.neverStarted() ? member.idHex() : member.name();
                String endpoint = member.clientUrls().isEmpty() ? "" : member.clientUrls().get(0).toString();
                rows.add(memberRow(name, endpoint, false, member, cluster, alarms, days.apply(name)));
            }
        }
        String leader = cluster.leaderId().flatMap(id -> cluster.members().stream().filter(m -> m.id() == id)
                .findFirst()).map(m -> m.neverStarted() ? m.idHex() : m.name()).orElse(null);
        return new Report(inventory.cluster().name(), leader, rows, List.of());
    }

    private static Row memberRow(String name, String endpoint, boolean inInventory, ClusterMember member,
                                 ClusterObservation cluster, List<Alarm> alarms, Long certificateDaysLeft) {
        MemberStatus status = cluster.statuses().get(member.id());
        List<String> raised = alarms.stream().filter(alarm -> alarm.memberId() == member.id()).map(Alarm::type)
                .distinct().toList();
        String problem = problem(member, status, cluster.health().get(member.id()), raised, inInventory);
        return new Row(name, endpoint, MemberIds.hex(member.id()), inInventory, true,
                status == null ? null : status.version(), status == null ? null : status.isLeader(),
                member.learner(), status == null ? null : status.raftTerm(), status == null ? null : status.raftIndex(),
                status == null ? null : status.dbSize(), status == null ? null : status.dbSizeInUse(), raised,
                certificateDaysLeft, problem == null, problem);
    }

    /** Why a member needs attention, or null when it does not. */
    private static String problem(ClusterMember member, MemberStatus status, EndpointHealth health,
                                  List<String> alarms, boolean inInventory) {
        if (member.neverStarted()) {
            return "added to the cluster but never started (apply starts it)";
        }
        if (status == null && (health == null || health.healthy())) {
            return "did not answer";
        }
        if (health != null && !health.healthy()) {
            return (status == null ? "unreachable: " : "unhealthy: ") + health.error();
        }
        if (!alarms.isEmpty()) {
            return "alarm " + String.join(", ", alarms) + (alarms.contains(Alarm.NOSPACE)
                    ? ": the database is full, writes are refused (etcd-provision defrag frees space)" : "");
        }
        if (!status.errors().isEmpty()) {
            return "etcd reports: " + String.join("; ", status.errors());
        }
        if (!inInventory) {
            return "a member, but not in the inventory (apply --allow-remove removes it)";
        }
        return null;
    }

    /** The member a node is: by name, or by peer URL for a member that never started (it has no name yet). */
    private static Optional<ClusterMember> memberOf(NodeSpec node, Inventory inventory, ClusterObservation cluster) {
        URI peerUrl = URI.create(EtcdUrls.peer(node, inventory.cluster()));
        return cluster.members().stream().filter(member -> member.name().equals(node.name())).findFirst()
                .or(() -> cluster.members().stream().filter(member -> member.neverStarted()
                        && member.peerUrls().contains(peerUrl)).findFirst());
    }
}
