package dev.etcdprovision.controller.access;

import dev.etcdprovision.agent.Host;
import dev.etcdprovision.agent.HostException;
import dev.etcdprovision.agent.ssh.HostConnections;
import dev.etcdprovision.agent.ssh.HostKeyPolicy;
import dev.etcdprovision.agent.ssh.SshSettings;
import dev.etcdprovision.controller.cluster.ClientTls;
import dev.etcdprovision.controller.cluster.EtcdMembershipClient;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.PkiLayout.ClientCert;
import dev.etcdprovision.controller.render.EtcdUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How the controller reaches a cluster: one SSH connection per inventory node (opened together;
 * a node that cannot be reached is kept as a problem, for preflight to report) and etcd's API with
 * the admin client certificate. Commands open one, use it throughout, and close it.
 */
public final class ClusterAccess implements AutoCloseable {
    /** Long enough for a healthy member on a slow network, short enough to tell a dead one fast. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Inventory inventory;
    private final HostKeyPolicy hostKeyPolicy;
    /** Connecting takes a few round trips per host; the cluster can be asked meanwhile. */
    private final CompletableFuture<HostConnections> hosts;
    private final List<HostConnections> extraHosts = new ArrayList<>();
    private MembershipClient cluster;

    private ClusterAccess(Inventory inventory, HostKeyPolicy hostKeyPolicy, CompletableFuture<HostConnections> hosts) {
        this.inventory = inventory;
        this.hostKeyPolicy = hostKeyPolicy;
        this.hosts = hosts;
    }

    /**
     * Starts connecting to every node of the inventory at once and returns without waiting; a
     * node's host is there when first asked for. Never fails for a node (see {@link #problem}).
     */
    public static ClusterAccess open(Inventory inventory, HostKeyPolicy hostKeyPolicy) {
        return open(inventory, hostKeyPolicy, inventory.nodeNames());
    }

    /**
     * Like {@link #open(Inventory, HostKeyPolicy)}, but connects only to the named nodes (a command
     * about one node waits for no other host); etcd's API is still the whole cluster's.
     */
    public static ClusterAccess open(Inventory inventory, HostKeyPolicy hostKeyPolicy, Collection<String> nodes) {
        List<SshSettings> settings = inventory.nodes().stream()
                .filter(node -> nodes.contains(node.name()))
                .map(node -> sshSettings(inventory, node.name(), node.address(), hostKeyPolicy))
                .toList();
        if (settings.isEmpty()) {
            // not even the SSH machinery is set up: a command on etcd's API alone starts faster
            return new ClusterAccess(inventory, hostKeyPolicy, CompletableFuture.failedFuture(
                    new IllegalStateException("this command does not connect to hosts")));
        }
        CompletableFuture<HostConnections> connecting = new CompletableFuture<>();
        Thread connect = new Thread(() -> {
            try {
                connecting.complete(HostConnections.open(settings));
            } catch (RuntimeException | Error e) {
                connecting.completeExceptionally(e);
            }
        }, "ssh-connect");
        connect.setDaemon(true);
        connect.start();
        return new ClusterAccess(inventory, hostKeyPolicy, connecting);
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The connected host of a node, or empty when it could not be reached. */
    public Optional<Host> host(String node) {
        return hosts().failures().containsKey(node) ? Optional.empty() : Optional.of(hosts().host(node));
    }

    /** The connected host of a node; the reason it could not be reached otherwise. */
    public Host requireHost(String node) {
        return hosts().host(node);
    }

    /** Why a node could not be reached; empty when it is connected. */
    public Optional<HostException> problem(String node) {
        return Optional.ofNullable(hosts().failures().get(node));
    }

    private HostConnections hosts() {
        try {
            return hosts.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * A host that is not in the inventory (a member being removed), reached with the inventory's
     * SSH settings.
     */
    public Host connectOther(String name, String address) {
        HostConnections connection = HostConnections.open(List.of(sshSettings(inventory, name, address,
                hostKeyPolicy)));
        synchronized (extraHosts) {
            extraHosts.add(connection);
        }
        return connection.requireAll().host(name);
    }

    /** etcd's API only, with no SSH connection at all: for commands that never touch a host. */
    public static ClusterAccess etcdOnly(Inventory inventory) {
        return open(inventory, HostKeyPolicy.STRICT, List.of());
    }

    /** Whether the PKI folder has the admin client certificate that talking to etcd takes. */
    public boolean canTalkToEtcd() {
        PkiLayout pki = new PkiLayout(inventory.pki().dir());
        String admin = PkiLayout.clientCertName(ClientCert.ADMIN);
        return Files.isRegularFile(pki.caCertificate()) && Files.isRegularFile(pki.certificate(admin))
                && Files.isRegularFile(pki.key(admin));
    }

    /** etcd's API at every inventory node's client URL, with the admin client certificate. */
    public synchronized MembershipClient cluster() {
        if (cluster == null) {
            cluster = cluster(inventory.nodes().stream()
                    .map(node -> URI.create(EtcdUrls.client(node, inventory.cluster())))
                    .toList());
        }
        return cluster;
    }

    /** Forgets the client of {@link #cluster()}, so the next call reads the certificates anew (after a reissue). */
    public synchronized void reconnectCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** etcd's API at the given client URLs (the caller closes it). */
    public MembershipClient cluster(List<URI> endpoints) {
        PkiLayout pki = new PkiLayout(inventory.pki().dir());
        String admin = PkiLayout.clientCertName(ClientCert.ADMIN);
        try {
            ClientTls tls = new ClientTls(Files.readAllBytes(pki.caCertificate()),
                    Files.readAllBytes(pki.certificate(admin)), Files.readAllBytes(pki.key(admin)));
            return new EtcdMembershipClient(endpoints, tls, CALL_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin client certificate in " + pki.dir()
                    + "; run `etcd-provision certs generate`", e);
        }
    }

    /** The client URL of a node. */
    public URI clientUrl(NodeSpec node) {
        return URI.create(EtcdUrls.client(node, inventory.cluster()));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (cluster != null) {
                cluster.close();
            }
        }
        synchronized (extraHosts) {
            extraHosts.forEach(HostConnections::close);
        }
        if (!hosts.isCompletedExceptionally()) {
            hosts().close();
        }
        EtcdMembershipClient.awaitTransportsStopped(Duration.ofMillis(500));
    }

    private static SshSettings sshSettings(Inventory inventory, String name, String address, HostKeyPolicy policy) {
        return new SshSettings(name, address, inventory.ssh().port(), inventory.ssh().user(),
                inventory.ssh().identityFile(), inventory.ssh().knownHosts(), policy, CONNECT_TIMEOUT);
    }
}
