package dev.etcdprovision.agent.facts;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A listening TCP socket as {@code ss -ltnp} shows it.
 *
 * @param address the local address without brackets ({@code 0.0.0.0}, {@code ::}, {@code *}, ...)
 * @param process the owning process's name, when the host shows it (not for sockets of other
 *     containers or namespaces)
 */
public record ListeningSocket(String address, int port, Optional<String> process, OptionalLong pid) {

    /** Whether a connection to {@code host:port} would reach this socket (wildcards included). */
    public boolean covers(String host, int wantedPort) {
        return port == wantedPort && (address.equals(host) || address.equals("0.0.0.0") || address.equals("::")
                || address.equals("*"));
    }
}
