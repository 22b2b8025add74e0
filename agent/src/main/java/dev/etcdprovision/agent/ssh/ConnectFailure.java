package dev.etcdprovision.agent.ssh;

import dev.etcdprovision.agent.HostException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Turns a failed connection attempt into a {@link HostException} that says why and what to do. */
final class ConnectFailure {
    static final String STEP = "connect";

    private ConnectFailure() {}

    static HostException explain(SshSettings settings, HostKeyCheck hostKeys, Exception e) {
        String endpoint = settings.address() + ":" + settings.port();
        if (e instanceof TransportException transport
                && transport.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            return hostKeyRefused(settings, hostKeys, e);
        }
        if (e instanceof UserAuthException) {
            return of(settings, "SSH key authentication as " + settings.user() + " with "
                    + settings.identityFile() + " was refused",
                    "check that the public key of " + settings.identityFile() + " is in ~" + settings.user()
                            + "/.ssh/authorized_keys on the host, and the user name", e);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException) {
            return of(settings, "connection to " + endpoint + " refused",
                    "check that sshd runs on the host and listens on " + endpoint, e);
        }
        if (cause instanceof SocketTimeoutException) {
            return of(settings, "no answer from " + endpoint + " within "
                    + SshHost.seconds(settings.connectTimeout()),
                    "check the address, that the host is up, and that no firewall drops port " + settings.port(), e);
        }
        if (cause instanceof NoRouteToHostException) {
            return of(settings, "no route to " + endpoint, "check the address and the network", e);
        }
        if (cause instanceof UnknownHostException) {
            return of(settings, "cannot resolve the host name " + settings.address(),
                    "check the address in the inventory, or use an IP address", e);
        }
        if (e instanceof UncheckedIOException unchecked) {
            return of(settings, unchecked.getMessage() + ": " + unchecked.getCause().getMessage(),
                    "check that the known_hosts file and its folder are writable", e);
        }
        return of(settings, "SSH connection to " + endpoint + " failed: " + message(cause),
                "check that the host runs OpenSSH 6.5 or later and accepts the user " + settings.user(), e);
    }

    private static HostException hostKeyRefused(SshSettings settings, HostKeyCheck hostKeys, Exception e) {
        String offered = hostKeys.offered()
                .map(key -> key.type() + " key " + key.fingerprint())
                .orElse("its key");
        String file = hostKeys.knownHostsFile().toString();
        String name = settings.port() == SshSettings.DEFAULT_PORT ? settings.address()
                : "[" + settings.address() + "]:" + settings.port();
        if (hostKeys.outcome() == HostKeyCheck.Outcome.CHANGED) {
            return of(settings, "the host key of " + name + " CHANGED: it offered " + offered
                    + ", which does not match " + file,
                    "if the host was reinstalled, check the new fingerprint on its console (ssh-keygen -lf"
                            + " /etc/ssh/ssh_host_ed25519_key.pub), then remove the old key with ssh-keygen -R "
                            + name + " -f " + file + " and add the new one; otherwise someone may be"
                            + " intercepting the connection. A changed key is never accepted automatically", e);
        }
        return of(settings, "the host key of " + name + " is not in " + file + " (it offered " + offered + ")",
                "add the key with ssh-keyscan -p " + settings.port() + " " + settings.address() + " >> " + file
                        + " after checking its fingerprint, or re-run with --accept-new-host-keys", e);
    }

    /** A failure to connect to that host: why, what to do, and the cause if any (may be null). */
    static HostException of(SshSettings settings, String reason, String hint, Exception e) {
        return HostException.of(settings.id(), STEP, reason, hint, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
