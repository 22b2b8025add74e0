package dev.etcdprovision.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void aCommandIsShownAsItsQuotedCommandLine() {
        Command command = Command.of("start", "systemctl", "start", "my unit");
        assertEquals("systemctl start 'my unit'", command.display());
        assertEquals(Command.DEFAULT_TIMEOUT, command.timeout());
        assertTrue(command.stdin().isEmpty());
    }

    @Test
    void aScriptIsShownByItsNameAndArgumentsNeverByItsText() {
        Command command = Command.script("write", "write-file", "secret_text=1; cat > \"$1\"",
                List.of("/etc/x", "a b"));
        assertEquals(List.of("sh", "-c", "secret_text=1; cat > \"$1\"", "write-file", "/etc/x", "a b"), command.argv());
        assertEquals("write-file /etc/x 'a b'", command.display());
        assertFalse(command.display().contains("secret_text"));
    }

    @Test
    void aLongCommandLineIsAbbreviatedInMessages() {
        Command command = Command.of("long", "echo", "x".repeat(500));
        assertTrue(command.display().length() <= 160);
        assertTrue(command.display().endsWith("..."));
        assertEquals("x".repeat(500), command.argv().get(1));
    }

    @Test
    void timeoutsArePositiveAndStdinIsKept() {
        assertThrows(IllegalArgumentException.class, () -> Command.of("x", "true").withTimeout(Duration.ZERO));
        Command command = Command.of("x", "cat").withStdin(Stdin.of(new byte[] {1, 2}))
                .withTimeout(Duration.ofSeconds(5));
        assertTrue(command.stdin().isPresent());
        assertEquals(Duration.ofSeconds(5), command.timeout());
    }
}
