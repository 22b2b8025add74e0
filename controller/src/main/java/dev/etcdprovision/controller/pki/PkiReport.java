package dev.etcdprovision.controller.pki;

import java.nio.file.Path;
import java.util.List;

/** What {@link PkiGenerator#generate} did with each certificate, the CA first. */
public record PkiReport(Path dir, List<Outcome> outcomes) {

    public enum Action { CREATED, REUSED, REISSUED }

    /**
     * One certificate and its key: {@code name} as in {@link PkiLayout} ({@code ca},
     * {@code nodes/k8s1-etcd1/server}); {@code reason} says why it was reissued, else empty.
     */
    public record Outcome(String name, Action action, String reason) {}

    public PkiReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(Action action) {
        return outcomes.stream().filter(outcome -> outcome.action() == action).count();
    }

    /** Whether any file was written. */
    public boolean changed() {
        return count(Action.REUSED) < outcomes.size();
    }
}
