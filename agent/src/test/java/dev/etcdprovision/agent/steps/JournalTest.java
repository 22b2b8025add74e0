package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.RecordingHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a unit's journal page by page, as {@code logs --follow} does. */
class JournalTest {
    private static final String UNIT = "etcd3.service";
    private final RecordingHost host = new RecordingHost();

    @Test
    void aPageEndsWithTheCursorToReadOnFrom() {
        host.on("journalctl").reply("2026-01-01T00:00:00+0000 n1 etcd[1]: one\n"
                + "2026-01-01T00:00:01+0000 n1 etcd[1]: two\n-- cursor: s=abc;i=2\n");
        Journal.Page page = new Journal(host).last(UNIT, 2);
        assertEquals(List.of("2026-01-01T00:00:00+0000 n1 etcd[1]: one", "2026-01-01T00:00:01+0000 n1 etcd[1]: two"),
                page.lines());
        assertEquals(Optional.of("s=abc;i=2"), page.cursor());
        assertEquals("journalctl --unit etcd3.service --lines 2 --show-cursor --no-pager --quiet --output short-iso",
                host.displays().get(0));
    }

    @Test
    void theNextPageStartsAfterTheCursorAndKeepsItWhenNothingIsNew() {
        host.on("journalctl").reply("-- cursor: s=abc;i=2\n");
        Journal.Page page = new Journal(host).after(UNIT, Optional.of("s=abc;i=2"));
        assertEquals(List.of(), page.lines());
        assertEquals(Optional.of("s=abc;i=2"), page.cursor());
        assertEquals(List.of("journalctl", "--unit", UNIT, "--after-cursor", "s=abc;i=2", "--show-cursor",
                "--no-pager", "--quiet", "--output", "short-iso"), host.commands().get(0).command().argv());
    }

    @Test
    void aUnitWithoutEntriesHasNoCursorYetAndAnErrorIsAnError() {
        host.on("journalctl").fail(1, "");
        Journal.Page empty = new Journal(host).after(UNIT, Optional.empty());
        assertEquals(new Journal.Page(List.of(), Optional.empty()), empty);
        assertEquals(List.of("journalctl", "--unit", UNIT, "--show-cursor", "--no-pager", "--quiet", "--output",
                "short-iso"), host.commands().get(0).command().argv());

        host.on("journalctl").fail(1, "Failed to seek to cursor: Invalid argument");
        HostException failure = assertThrows(HostException.class,
                () -> new Journal(host).after(UNIT, Optional.of("bogus")));
        assertEquals("Failed to seek to cursor: Invalid argument", failure.reason());
    }
}
