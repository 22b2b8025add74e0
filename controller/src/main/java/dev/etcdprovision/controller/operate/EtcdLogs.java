package dev.etcdprovision.controller.operate;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.steps.Journal;
import dev.etcdprovision.controller.render.NodeLayout;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code logs}: etcd's journal on one node, over SSH. Following asks the host for what came after
 * the last line shown, every {@link #POLL}: each ask is a short command (nothing is left running on
 * the host when the controller goes away), and journalctl's cursor makes sure no line is missed or
 * shown twice, also across a restart of etcd.
 */
public final class EtcdLogs {
    static final Duration POLL = Duration.ofSeconds(1);

    private final Journal journal;

    public EtcdLogs(Host host) {
        this.journal = new Journal(host);
    }

    /** Prints the last {@code lines} lines, oldest first. */
    public Optional<String> last(int lines, Consumer<String> out) {
        Journal.Page page = journal.last(NodeLayout.UNIT_NAME, lines);
        page.lines().forEach(out);
        return page.cursor();
    }

    /** After {@link #last}, prints each new line as it comes, until the thread is interrupted (Ctrl-C). */
    public void follow(Optional<String> cursor, Consumer<String> out) {
        Optional<String> position = cursor;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL.toMillis());
                Journal.Page page = journal.after(NodeLayout.UNIT_NAME, position);
                page.lines().forEach(out);
                position = page.cursor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (HostException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
    }
}
