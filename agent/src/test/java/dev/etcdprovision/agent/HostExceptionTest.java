package dev.etcdprovision.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HostExceptionTest {
    private static final HostId HOST = new HostId("k8s1-etcd2", "10.0.0.12");

    @Test
    void theMessageIsOneLineNamingStepHostAndTheFirstLineOfStderr() {
        Command command = Command.of("systemctl start etcd.service", "systemctl", "start", "etcd.service");
        HostException failure = HostException.failed(HOST, command, new CommandResult(1, "",
                "Job for etcd.service failed because the control process exited with error code.\n"
                        + "See \"systemctl status etcd.service\" for details.\n"), "look at its journal");

        assertEquals("systemctl start etcd.service failed on k8s1-etcd2 (10.0.0.12): Job for etcd.service failed"
                + " because the control process exited with error code.", failure.getMessage());
        assertEquals(Optional.of("look at its journal"), failure.hint());
        assertEquals(OptionalInt.of(1), failure.exitStatus());
        assertEquals(Optional.of("systemctl start etcd.service"), failure.command());
        assertTrue(failure.stderr().endsWith("for details."));
        assertTrue(failure.details().contains("exit status: 1"), failure.details());
        assertTrue(failure.details().contains("  See \"systemctl status etcd.service\""), failure.details());
    }

    @Test
    void withoutStderrTheReasonIsTheCommandAndItsExitStatus() {
        Command command = Command.of("check", "test", "-d", "/x");
        HostException failure = HostException.failed(HOST, command, new CommandResult(1, "", "  \n"));
        assertEquals("`test -d /x` exited 1", failure.reason());
        assertEquals(Optional.empty(), failure.hint());
    }

    @Test
    void aFailureWithoutCommandHasNoExitStatus() {
        HostException failure = HostException.of(HOST, "connect", "connection to 10.0.0.12:22 refused",
                "check that sshd runs", null);
        assertEquals("connect failed on k8s1-etcd2 (10.0.0.12): connection to 10.0.0.12:22 refused",
                failure.getMessage());
        assertEquals(OptionalInt.empty(), failure.exitStatus());
        assertEquals(Optional.empty(), failure.command());
        assertEquals("", failure.details());
    }

    @Test
    void aHugeStderrIsTrimmedToItsEnd() {
        String stderr = "x".repeat(10_000) + "the end";
        HostException failure = HostException.failed(HOST, Command.of("s", "true"), new CommandResult(2, "", stderr));
        assertTrue(failure.stderr().length() < 4100);
        assertTrue(failure.stderr().endsWith("the end"));
    }

    @Test
    void aHostWhoseNameIsItsAddressIsNamedOnce() {
        assertEquals("10.0.0.12", new HostId("10.0.0.12", "10.0.0.12").toString());
    }
}
