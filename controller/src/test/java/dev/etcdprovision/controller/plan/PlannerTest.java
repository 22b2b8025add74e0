package dev.etcdprovision.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.HostFacts;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.controller.cluster.ClusterMember;
import dev.etcdprovision.controller.desired.DesiredNode;
import dev.etcdprovision.controller.desired.NodeTargets;
import dev.etcdprovision.controller.observe.ClusterObservation;
import dev.etcdprovision.controller.observe.NodeObservation;
import dev.etcdprovision.controller.plan.NodePlan.Role;
import dev.etcdprovision.controller.plan.NodePlan.Service;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.render.Renderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner's decisions, from made-up observations: no host, no cluster. */
class PlannerTest {
    @TempDir
    Path folder;

    private PlanFixture fixture;

    @BeforeEach
    void inventoryWithPki() throws Exception {
        fixture = new PlanFixture(folder);
    }

    private List<NodeObservation> convergedNodes() {
        return List.of(1, 2, 3).stream()
                .map(i -> fixture.observed(i, fixture.converged(i, fixture.targets.converged(fixture.node(i)))))
                .toList();
    }

    private ClusterObservation healthyOfThree() {
        return PlanFixture.healthy(List.of(fixture.member(1, true, false), fixture.member(2, true, false),
                fixture.member(3, true, false)), "3.5.16");
    }

    @Test
    void bareHostsAndASilentClusterFormANewCluster() {
        Plan plan = fixture.plan(List.of(fixture.observed(1, fixture.bare(1)), fixture.observed(2, fixture.bare(2)),
                fixture.observed(3, fixture.bare(3))), ClusterObservation.silent("no member answered"));

        assertEquals(Plan.Mode.FORM, plan.mode());
        assertFalse(plan.refused(), plan.refusals().toString());
        for (NodePlan node : plan.nodes()) {
            assertEquals(Role.FORMING, node.role());
            assertEquals(Service.START, node.service());
            assertTrue(node.install());
            assertTrue(node.files().stream().allMatch(file -> file.kind() == FileChange.Kind.CREATE), node.toString());
        }
        assertTrue(plan.hasChanges());
    }

    @Test
    void aConvergedClusterHasNothingToDo() {
        Plan plan = fixture.plan(convergedNodes(), healthyOfThree());

        assertEquals(Plan.Mode.CONVERGE, plan.mode());
        assertFalse(plan.refused(), plan.refusals().toString());
        assertFalse(plan.hasChanges(), plan.toString());
        assertTrue(plan.node("k8s1-etcd1").leader());
    }

    @Test
    void anEtcdConfThatDiffersOnlyInItsInitialSettingsIsRewrittenWithoutARestart() {
        // as left by forming: state "new"; the converged file says "existing"
        DesiredNode forming = fixture.targets.forming(fixture.node(2));
        DesiredNode converged = fixture.targets.converged(fixture.node(2));
        HostFacts facts = fixture.converged(2, converged);
        Map<String, PathState> paths = new HashMap<>(facts.paths());
        paths.put(NodeLayout.ETCD_CONF, PlanFixture.state(forming.rendered().etcdConf()));
        List<NodeObservation> nodes = List.of(convergedNodes().get(0), fixture.observed(2, withPaths(facts, paths)),
                convergedNodes().get(2));

        NodePlan node = fixture.plan(nodes, healthyOfThree()).node("k8s1-etcd2");

        assertEquals(List.of(NodeLayout.ETCD_CONF), node.files().stream().map(FileChange::path).toList());
        assertEquals(Service.NONE, node.service(), "ETCD_INITIAL_* only matter while the data dir is empty");
    }

    @Test
    void aChangedTunableRestartsEveryMemberNamingTheSettingAndTheLeaderGoesLast() throws Exception {
        List<NodeObservation> before = convergedNodes();
        Map<String, Map<String, String>> texts = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            texts.put(fixture.node(i).name(), Map.of(NodeLayout.ETCD_CONF,
                    fixture.targets.converged(fixture.node(i)).rendered().etcdConf().text()));
        }
        PlanFixture edited = new PlanFixture(folder, "heartbeatInterval: 150ms");

        Plan plan = edited.plan(before, healthyOfThree(), texts, false);

        assertEquals(List.of("k8s1-etcd2", "k8s1-etcd3", "k8s1-etcd1"),
                plan.restarts().stream().map(NodePlan::name).toList(), "followers first, the leader last");
        NodePlan node = plan.node("k8s1-etcd2");
        assertEquals("etcd.conf: ETCD_HEARTBEAT_INTERVAL", node.serviceReason());
        FileChange etcdConf = node.files().get(0);
        assertEquals(List.of("-ETCD_HEARTBEAT_INTERVAL=100", "+ETCD_HEARTBEAT_INTERVAL=150"), etcdConf.diff());
    }

    @Test
    void filesInPlaceButAnOlderRunningConfigRestartTheMember() {
        HostFacts facts = fixture.converged(3, fixture.targets.converged(fixture.node(3)));
        Map<String, PathState> paths = new HashMap<>(facts.paths());
        paths.put(NodeLayout.RUNNING_CONFIG, PlanFixture.state(RemoteFile.text(NodeLayout.RUNNING_CONFIG,
                "an older fingerprint\n", 0644, "root", "root")));
        List<NodeObservation> nodes = List.of(convergedNodes().get(0), convergedNodes().get(1),
                fixture.observed(3, withPaths(facts, paths)));

        NodePlan node = fixture.plan(nodes, healthyOfThree()).node("k8s1-etcd3");

        assertEquals(List.of(), node.files());
        assertEquals(Service.RESTART, node.service());
        assertTrue(node.serviceReason().contains("an earlier run did not restart it"), node.serviceReason());
    }

    @Test
    void aMemberThatIsNotRunningIsStarted() {
        HostFacts stopped = fixture.facts(1, fixture.converged(1, fixture.targets.converged(fixture.node(1))).paths(),
                true, HostFacts.DataDirState.NON_EMPTY, false, List.of());
        List<NodeObservation> nodes = List.of(fixture.observed(1, stopped), convergedNodes().get(1),
                convergedNodes().get(2));

        NodePlan node = fixture.plan(nodes, healthyOfThree()).node("k8s1-etcd1");

        assertEquals(Service.START, node.service());
    }

    @Test
    void nodesThatAreNotMembersJoinAndOldDataIsMovedAside() {
        ClusterObservation onlyFirst = PlanFixture.healthy(List.of(fixture.member(1, true, false)), "3.5.16");
        HostFacts staleData = fixture.facts(3, Map.of(), true, HostFacts.DataDirState.NON_EMPTY, false, List.of());
        Plan plan = fixture.plan(List.of(convergedNodes().get(0), fixture.observed(2, fixture.bare(2)),
                fixture.observed(3, staleData)), onlyFirst);

        assertEquals(List.of("k8s1-etcd2", "k8s1-etcd3"), plan.joins().stream().map(NodePlan::name).toList());
        assertEquals(Role.JOINING, plan.node("k8s1-etcd2").role());
        assertFalse(plan.node("k8s1-etcd2").moveDataAside());
        assertTrue(plan.node("k8s1-etcd3").moveDataAside());
        assertFalse(plan.refused(), plan.refusals().toString());
    }

    @Test
    void aMemberThatWasAddedButNeverStartedIsFoundByItsPeerUrl() {
        ClusterObservation cluster = PlanFixture.healthy(List.of(fixture.member(1, true, false),
                fixture.member(2, true, false), fixture.member(3, false, true)), "3.5.16");
        Plan plan = fixture.plan(List.of(convergedNodes().get(0), convergedNodes().get(1),
                fixture.observed(3, fixture.bare(3))), cluster);

        assertEquals(Role.ADDED, plan.node("k8s1-etcd3").role());
        assertEquals(List.of(), plan.removals());
    }

    @Test
    void aMemberMissingFromTheInventoryIsRemovedOnlyWhenAllowed() throws Exception {
        ClusterMember extra = new ClusterMember(4242, "k8s1-etcd4", List.of(java.net.URI.create("https://192.0.2.4:2380")),
                List.of(java.net.URI.create("https://192.0.2.4:2379")), false);
        ClusterObservation cluster = PlanFixture.healthy(List.of(fixture.member(1, true, false),
                fixture.member(2, true, false), fixture.member(3, true, false), extra), "3.5.16");

        Plan refused = fixture.plan(convergedNodes(), cluster);
        assertEquals(List.of("k8s1-etcd4"), refused.refusals().stream().map(Plan.Refusal::target).toList());
        assertTrue(refused.refusals().get(0).hint().contains("--allow-remove"));

        Plan allowed = fixture.plan(convergedNodes(), cluster, Map.of(), true);
        assertFalse(allowed.refused());
        assertEquals(List.of(new Plan.Removal("k8s1-etcd4", "1092", "192.0.2.4", false)),
                allowed.removals());
    }

    @Test
    void aMemberWhoseDataIsGoneIsReferredToReplaceNode() {
        HostFacts wiped = fixture.facts(2, fixture.converged(2, fixture.targets.converged(fixture.node(2))).paths(),
                true, HostFacts.DataDirState.MISSING, true, List.of());
        Plan plan = fixture.plan(List.of(convergedNodes().get(0), fixture.observed(2, wiped), convergedNodes().get(2)),
                healthyOfThree());

        assertEquals(1, plan.refusals().size());
        assertTrue(plan.refusals().get(0).hint().contains("etcd-provision replace-node k8s1-etcd2"));
    }

    @Test
    void anAddressChangeOfAMemberIsRefused() {
        ClusterMember moved = new ClusterMember(1002, "k8s1-etcd2", List.of(java.net.URI.create("https://192.0.2.99:2380")),
                List.of(java.net.URI.create("https://192.0.2.99:2379")), false);
        ClusterObservation cluster = PlanFixture.healthy(List.of(fixture.member(1, true, false), moved,
                fixture.member(3, true, false)), "3.5.16");

        Plan plan = fixture.plan(convergedNodes(), cluster);

        assertEquals("k8s1-etcd2", plan.refusals().get(0).target());
        assertTrue(plan.refusals().get(0).problem().contains("https://192.0.2.2:2380"), plan.refusals().toString());
    }

    @Test
    void versionsMoveForwardOneMinorVersionAtATime() {
        List<ClusterMember> members = List.of(fixture.member(1, true, false), fixture.member(2, true, false),
                fixture.member(3, true, false));

        Plan upgrade = fixture.plan(convergedNodes(), PlanFixture.healthy(members, "3.4.23"));
        assertEquals(new Plan.VersionChange("3.4.23", "3.5.16"), upgrade.versionChange().orElseThrow());
        assertFalse(upgrade.refused());

        Plan downgrade = fixture.plan(convergedNodes(), PlanFixture.healthy(members, "3.5.17"));
        assertTrue(downgrade.refusals().get(0).problem().contains("that is a downgrade"), downgrade.refusals().toString());

        Plan skip = fixture.plan(convergedNodes(), PlanFixture.healthy(members, "3.3.27"));
        assertTrue(skip.refusals().get(0).problem().contains("skips a minor version"), skip.refusals().toString());
    }

    @Test
    void preflightGivesOneRefusalPerProblemAndWarnsAboutClocks() {
        HostFacts portTaken = fixture.facts(2, Map.of(), false, HostFacts.DataDirState.MISSING, false,
                List.of(PlanFixture.socket("192.0.2.2", 2379, "nginx"), PlanFixture.socket("0.0.0.0", 2380, "haproxy")));
        HostFacts ownEtcd = fixture.facts(3, Map.of(), false, HostFacts.DataDirState.MISSING, false,
                List.of(PlanFixture.socket("192.0.2.3", 2379, "etcd")));
        HostFacts skewed = fixture.bare(1);
        skewed = new HostFacts(skewed.host(), skewed.hostname(), skewed.os(), skewed.machine(), skewed.systemdRunning(),
                skewed.systemdVersion(), skewed.user(), skewed.group(), skewed.paths(), skewed.etcdVersion(),
                skewed.dataDir(), skewed.unit(), skewed.listening(), Duration.ofMillis(-2300));

        Plan plan = fixture.plan(List.of(fixture.observed(1, skewed), fixture.observed(2, portTaken),
                fixture.observed(3, ownEtcd)), ClusterObservation.silent("no answer"));

        assertEquals(2, plan.refusals().size(), plan.refusals().toString());
        assertTrue(plan.refusals().get(0).problem().contains("port 2379 on 192.0.2.2 is taken by nginx (pid 4242)"));
        assertTrue(plan.refusals().get(1).problem().contains("port 2380 on 0.0.0.0 is taken by haproxy"));
        assertEquals(List.of(new Plan.Warning("k8s1-etcd1", "its clock is 2.3 s behind this machine's; run NTP"
                + " (systemd-timesyncd or chrony) on every node")), plan.warnings());
    }

    @Test
    void anUnreachableHostIsARefusalWithTheConnectionHint() {
        Plan plan = fixture.plan(List.of(fixture.observed(1, fixture.bare(1)), fixture.unreachable(2),
                fixture.observed(3, fixture.bare(3))), ClusterObservation.silent("no answer"));

        assertEquals(List.of("k8s1-etcd2"), plan.refusals().stream().map(Plan.Refusal::target).toList());
        assertEquals("check that sshd runs", plan.refusals().get(0).hint());
    }

    @Test
    void withoutQuorumOnlyMembersWithDataAreStartedAndTooFewOfThemIsARefusal() {
        HostFacts down = fixture.facts(1, fixture.converged(1, fixture.targets.converged(fixture.node(1))).paths(),
                true, HostFacts.DataDirState.NON_EMPTY, false, List.of());
        HostFacts blank = fixture.bare(3);

        Plan resume = fixture.plan(List.of(fixture.observed(1, down), convergedNodes().get(1),
                fixture.observed(3, blank)), ClusterObservation.silent("no answer"));
        assertEquals(Plan.Mode.RESUME, resume.mode());
        assertFalse(resume.refused(), resume.refusals().toString());
        assertEquals(Service.START, resume.node("k8s1-etcd1").service());
        assertEquals(Service.NONE, resume.node("k8s1-etcd3").service(), "a member without data never starts empty");

        HostFacts blank2 = fixture.bare(2);
        Plan lost = fixture.plan(List.of(fixture.observed(1, down), fixture.observed(2, blank2),
                fixture.observed(3, blank)), ClusterObservation.silent("no answer"));
        assertTrue(lost.refusals().get(0).hint().contains("snapshot restore"), lost.refusals().toString());
    }

    @Test
    void membersWithDataButNoCaInThePkiFolderStopEverythingWithOneClearReason() throws Exception {
        Path elsewhere = java.nio.file.Files.createDirectories(folder.resolve("fresh"));
        PlanFixture noPki = new PlanFixture(elsewhere);
        List<NodeObservation> nodes = List.of(
                noPki.observed(1, noPki.facts(1, Map.of(), true, HostFacts.DataDirState.NON_EMPTY, true, List.of())),
                noPki.observed(2, noPki.bare(2)), noPki.observed(3, noPki.bare(3)));
        // the PKI folder is lost; the members still have their data
        try (var paths = java.nio.file.Files.walk(noPki.inventory.pki().dir())) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        PkiAssessment assessed = PkiAssessment.of(noPki);
        NodeTargets pending = new NodeTargets(noPki.inventory, new Renderer(), Set.of("k8s1-etcd1", "k8s1-etcd2",
                "k8s1-etcd3"));

        Plan plan = Planner.plan(new PlanInput(pending, new dev.etcdprovision.controller.observe.Observation(nodes,
                ClusterObservation.silent("no admin certificate")), assessed.report(), PlanFixture.releases(), Map.of(),
                false));

        assertEquals(1, plan.refusals().size(), plan.refusals().toString());
        assertTrue(plan.refusals().get(0).problem().contains("has no CA"));
    }

    private static HostFacts withPaths(HostFacts facts, Map<String, PathState> paths) {
        return new HostFacts(facts.host(), facts.hostname(), facts.os(), facts.machine(), facts.systemdRunning(),
                facts.systemdVersion(), facts.user(), facts.group(), paths, facts.etcdVersion(), facts.dataDir(),
                facts.unit(), facts.listening(), facts.clockOffset());
    }

    /** What the PKI phase would do for a fixture whose PKI folder is gone. */
    private record PkiAssessment(dev.etcdprovision.controller.pki.PkiReport report) {
        static PkiAssessment of(PlanFixture fixture) throws Exception {
            return new PkiAssessment(new dev.etcdprovision.controller.pki.PkiGenerator().assess(fixture.inventory,
                    java.time.Instant.now()));
        }
    }
}
