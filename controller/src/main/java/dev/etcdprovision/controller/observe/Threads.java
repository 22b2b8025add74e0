package dev.etcdprovision.controller.observe;

import java.util.concurrent.Executor;

/** Threads for short parallel reads that must never keep the JVM alive. */
final class Threads {
    private Threads() {}

    /** Runs each task on a new daemon thread (a handful per command: no pool to size or shut down). */
    static Executor daemonPool(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
