package dev.etcdprovision.controller.apply;

import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.cluster.EndpointHealth;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.workflow.Outcome;
import dev.etcdprovision.controller.workflow.Phase;
import dev.etcdprovision.controller.workflow.PhaseFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cluster is what the inventory says: every node a healthy voting member, no other member.
 * After a change, a key written through the first member is read back through the last and
 * deleted again.
 */
final class VerifyPhase implements Phase<ApplyContext> {
    static final String NAME = "verify";
    static final String PROBE_PREFIX = "/etcd-provision/verify/";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(ApplyContext context) {
        Instant start = Instant.now();
        MembershipClient client = context.access().cluster();
        Quorum quorum = Quorum.now(client);
        List<PhaseFailure.TargetFailure> problems = new ArrayList<>();
        for (NodeSpec node : context.inventory().nodes()) {
            Optional<ClusterMember> member = quorum.member(node.name());
            if (member.isEmpty()) {
                problems.add(new PhaseFailure.TargetFailure(node.name(), "is not a member of the cluster",
                        "run apply again"));
            } else if (member.get().learner()) {
                problems.add(new PhaseFailure.TargetFailure(node.name(), "is still a learner", "run apply again"));
            } else {
                EndpointHealth health = client.health(context.access().clientUrl(node));
                if (!health.healthy()) {
                    problems.add(new PhaseFailure.TargetFailure(node.name(), "is not healthy: " + health.error(),
                            "look at its journal (journalctl -u etcd3 on the node), then run apply again"));
                }
            }
        }
        for (ClusterMember member : quorum.members()) {
            if (context.inventory().findNode(member.name()).isEmpty()) {
                problems.add(new PhaseFailure.TargetFailure(member.name().isEmpty() ? member.idHex() : member.name(),
                        "is a member but not in the inventory", "apply with --allow-remove to remove it"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure(NAME, PhaseFailure.Kind.FAILURE, problems, null);
        }
        String detail = quorum.voters().size() + " voting member(s) healthy";
        String leader = quorum.leaderId().flatMap(id -> quorum.members().stream().filter(m -> m.id() == id)
                .findFirst()).map(ClusterMember::name).orElse("none");
        detail += ", leader " + leader;
        if (context.progress().changedAnything()) {
            detail += "; " + writeAndReadBack(context);
        }
        context.progress().report(NAME, "cluster", Outcome.INFO, detail, Duration.between(start, Instant.now()));
    }

    /** A key written through the first node and read through the last, then deleted. */
    private static String writeAndReadBack(ApplyContext context) {
        List<NodeSpec> nodes = context.inventory().nodes();
        NodeSpec writer = nodes.get(0);
        NodeSpec reader = nodes.get(nodes.size() - 1);
        String key = PROBE_PREFIX + UUID.randomUUID();
        String value = Instant.now().toString();
        MembershipClient client = context.access().cluster();
        client.put(context.access().clientUrl(writer), key, value);
        Optional<String> read = client.get(context.access().clientUrl(reader), key);
        client.delete(key);
        if (!read.equals(Optional.of(value))) {
            throw PhaseFailure.on(NAME, reader.name(), "a key written through " + writer.name() + " read back as "
                    + read.orElse("nothing"), "check the members' journals for errors");
        }
        return "a write through " + writer.name() + " read back through " + reader.name();
    }
}
