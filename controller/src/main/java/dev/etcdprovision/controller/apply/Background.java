package dev.etcdprovision.controller.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work that runs beside the phases and must be finished before apply ends (the etcd tools upload
 * while the members start). Each piece runs on a daemon thread of its own: a handful per apply.
 */
final class Background {
    private final List<CompletableFuture<Void>> deferred = new ArrayList<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();

    /** Runs {@code work} now on a thread of its own. */
    static CompletableFuture<Void> start(String name, Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for {@code work}; its failure is rethrown as it was. */
    static void await(CompletableFuture<Void> work) {
        try {
            work.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts {@code work} now, unless work of that name was started before; {@link #awaitAll} waits for it. */
    synchronized void defer(String name, Runnable work) {
        if (names.add(name)) {
            deferred.add(start(name, work));
        }
    }

    /** Waits for everything deferred; the first failure is rethrown once all have ended. */
    void awaitAll() {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = List.copyOf(deferred);
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> work : all) {
            try {
                await(work);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
