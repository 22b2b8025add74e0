package dev.etcdprovision.controller.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    private static PhaseFailure.TargetFailure describe(String target, Exception e) {
        return new PhaseFailure.TargetFailure(target, e.getMessage(), "hint for " + target);
    }

    private static PhaseFailure wrap(String phase, Exception e) {
        return PhaseFailure.on(phase, "controller", e.getMessage(), "");
    }

    private record NamedPhase(String name, List<String> log, boolean fails) implements Phase<Void> {
        @Override
        public void run(Void context) {
            log.add(name);
            if (fails) {
                throw new IllegalStateException("disk full");
            }
        }
    }

    @Test
    void phasesRunInOrderAndAFailureStopsTheWorkflowNamingThePhase() {
        List<String> log = new ArrayList<>();
        Workflow<Void> workflow = new Workflow<>(List.of(new NamedPhase("preflight", log, false),
                new NamedPhase("install", log, true), new NamedPhase("start", log, false)), WorkflowTest::wrap);

        PhaseFailure failure = assertThrows(PhaseFailure.class, () -> workflow.run(null));

        assertEquals(List.of("preflight", "install"), log);
        assertEquals("install", failure.phase());
        assertEquals("phase install failed on controller: disk full", failure.getMessage());
        assertEquals(List.of("preflight", "install", "start"), workflow.phaseNames());
    }

    @Test
    void onEachWaitsForEveryTargetAndReportsEveryFailure() {
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothStarted = new CountDownLatch(2);
        PhaseFailure failure = assertThrows(PhaseFailure.class, () -> OnEach.run("push", List.of("a", "b", "c"),
                name -> "node-" + name, WorkflowTest::describe, target -> {
                    if (!target.equals("c")) {
                        bothStarted.countDown();
                        // the two failing targets run at the same time: neither waits for the other
                        assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "targets run in parallel");
                        throw new IllegalStateException("no space on " + target);
                    }
                    finished.add(target);
                }));

        assertEquals(List.of("c"), finished, "the healthy target finished its step");
        assertEquals("phase push failed on node-a: no space on a\nphase push failed on node-b: no space on b",
                failure.getMessage());
        assertEquals(List.of("hint for node-a", "hint for node-b"), failure.hints());
    }

    @Test
    void onEachReturnsResultsInTheTargetsOrder() {
        List<Integer> lengths = OnEach.compute("facts", List.of("ccc", "a", "bb"), name -> name,
                WorkflowTest::describe, String::length);
        assertEquals(List.of(3, 1, 2), lengths);
    }

    @Test
    void textProgressPrintsPhaseTargetOutcomeAndSeconds() {
        StringWriter out = new StringWriter();
        Progress progress = new TextProgress(new PrintWriter(out));
        progress.report("install", "k8s1-etcd1", Outcome.CHANGED, "etcd 3.5.16 installed", Duration.ofMillis(1234));
        progress.report("configure", "k8s1-etcd2", Outcome.UNCHANGED, "etcd.conf", Duration.ofMillis(20));
        progress.warning("preflight", "k8s1-etcd3", "clock is 1.4 s ahead of the controller");

        assertEquals(String.join(System.lineSeparator(),
                "[install] k8s1-etcd1: etcd 3.5.16 installed (changed, 1.23 s)",
                "[configure] k8s1-etcd2: etcd.conf (unchanged, 0.02 s)",
                "WARNING [preflight] k8s1-etcd3: clock is 1.4 s ahead of the controller", ""), out.toString());
        assertTrue(progress.changedAnything());
        assertEquals(3, progress.events().size());
    }
}
