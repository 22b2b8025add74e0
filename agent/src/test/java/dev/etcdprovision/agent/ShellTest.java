package dev.etcdprovision.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void plainWordsStayBareForReadableCommandLines() {
        assertEquals("systemctl", Shell.quote("systemctl"));
        assertEquals("/etc/etcd/etcd.conf", Shell.quote("/etc/etcd/etcd.conf"));
        assertEquals("etcd:etcd", Shell.quote("etcd:etcd"));
        assertEquals("--no-block", Shell.quote("--no-block"));
    }

    @Test
    void everythingElseIsSingleQuoted() {
        assertEquals("''", Shell.quote(""));
        assertEquals("'a b'", Shell.quote("a b"));
        assertEquals("'$HOME'", Shell.quote("$HOME"));
        assertEquals("'`id`'", Shell.quote("`id`"));
        assertEquals("'a;rm -rf /'", Shell.quote("a;rm -rf /"));
        assertEquals("'*'", Shell.quote("*"));
        assertEquals("'~'", Shell.quote("~"));
        assertEquals("'\"'", Shell.quote("\""));
        assertEquals("'back\\slash'", Shell.quote("back\\slash"));
        assertEquals("'line\nbreak'", Shell.quote("line\nbreak"));
    }

    @Test
    void anEqualsSignIsQuotedSoThatAFirstWordIsNeverAnAssignment() {
        assertEquals("'A=b'", Shell.quote("A=b"));
        assertEquals("'A=b' cmd", Shell.join(List.of("A=b", "cmd")));
    }

    @Test
    void aSingleQuoteEndsTheQuotingAndIsEscapedBetweenTwoQuotedParts() {
        assertEquals("'it'\\''s'", Shell.quote("it's"));
        assertEquals("''\\'''", Shell.quote("'"));
    }

    @Test
    void aCommandLineQuotesEveryArgument() {
        assertEquals("sh -c 'echo \"$1\"' name 'a b'", Shell.join(List.of("sh", "-c", "echo \"$1\"", "name", "a b")));
    }

    @Test
    void nulCannotBePassedAndAnEmptyCommandIsNoCommand() {
        assertThrows(IllegalArgumentException.class, () -> Shell.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Shell.join(List.of()));
    }
}
