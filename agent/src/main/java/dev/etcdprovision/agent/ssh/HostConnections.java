package dev.etcdprovision.agent.ssh;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SSH connections to a set of hosts, opened in parallel, one per host, reused by every step until
 * {@link #close()}. Hosts that could not be reached are kept as {@link #failures()}, so that a
 * preflight can report every problem at once; {@link #requireAll()} turns them into an error.
 */
public final class HostConnections implements AutoCloseable {
    private final SshConnector connector;
    private final Map<String, SshHost> hosts;
    private final Map<String, HostException> failures;

    private HostConnections(SshConnector connector, Map<String, SshHost> hosts, Map<String, HostException> failures) {
        this.connector = connector;
        this.hosts = hosts;
        this.failures = failures;
    }

    /** Connects to every host at once; never throws for a host that fails (see {@link #failures()}). */
    public static HostConnections open(List<SshSettings> settings) {
        return open(settings, new SshConnector());
    }

    static HostConnections open(List<SshSettings> settings, SshConnector connector) {
        Set<String> names = new HashSet<>();
        for (SshSettings host : settings) {
            if (!names.add(host.name())) {
                throw new IllegalArgumentException("two hosts are named " + host.name());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.size()));
        try {
            List<CompletableFuture<SshHost>> attempts = settings.stream()
                    .map(host -> CompletableFuture.supplyAsync(
                            () -> new SshHost(host, connector, connector.open(host)), pool))
                    .toList();
            Map<String, SshHost> connected = new LinkedHashMap<>();
            Map<String, HostException> failed = new LinkedHashMap<>();
            for (int i = 0; i < settings.size(); i++) {
                String name = settings.get(i).name();
                try {
                    connected.put(name, attempts.get(i).join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof HostException failure) {
                        failed.put(name, failure);
                    } else {
                        connected.values().forEach(SshHost::close);
                        connector.close();
                        throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
                    }
                }
            }
            return new HostConnections(connector, Collections.unmodifiableMap(connected),
                    Collections.unmodifiableMap(failed));
        } finally {
            pool.shutdown();
        }
    }

    /** Connects to one host; a failure is thrown at once. */
    public static HostConnections open(SshSettings settings) {
        return open(List.of(settings)).requireAll();
    }

    /** The connected host of that name; the reason it is not connected otherwise. */
    public Host host(String name) {
        SshHost host = hosts.get(name);
        if (host != null) {
            return host;
        }
        HostException failure = failures.get(name);
        if (failure != null) {
            throw failure;
        }
        throw new IllegalArgumentException("no host is named " + name + "; there are " + hosts.keySet());
    }

    /** The connected hosts, in the order they were given. */
    public List<Host> hosts() {
        return new ArrayList<>(hosts.values());
    }

    /** Why each host that is not connected is not, by node name, in the order given. */
    public Map<String, HostException> failures() {
        return failures;
    }

    /** This, when every host is connected; otherwise closes everything and throws the first failure. */
    public HostConnections requireAll() {
        if (failures.isEmpty()) {
            return this;
        }
        close();
        List<HostException> all = new ArrayList<>(failures.values());
        HostException first = all.get(0);
        all.subList(1, all.size()).forEach(first::addSuppressed);
        throw first;
    }

    @Override
    public void close() {
        hosts.values().forEach(SshHost::close);
        connector.close();
    }
}
