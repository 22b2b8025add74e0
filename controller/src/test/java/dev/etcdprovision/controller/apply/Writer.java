package dev.etcdprovision.controller.apply;

import dev.etcdprovision.controller.cluster.ClientTls;
import dev.etcdprovision.controller.cluster.EtcdMembershipClient;
import dev.etcdprovision.controller.cluster.MembershipClient;
import dev.etcdprovision.controller.cluster.MembershipException;
import dev.etcdprovision.controller.lab.LabInventory;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A client that keeps writing while the cluster changes, as kube-apiserver would: every write
 * the cluster acknowledged is recorded, to check afterwards that none was lost.
 */
final class Writer implements AutoCloseable {
    static final String PREFIX = "/writer/";

    private final MembershipClient client;
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    private Writer(MembershipClient client) {
        this.client = client;
        this.thread = new Thread(this::write, "writer");
        this.thread.setDaemon(true);
    }

    /** Writes through every member of the lab, with the admin certificate of the inventory. */
    static Writer start(Lab lab, LabInventory inventory) {
        PkiLayout pki = new PkiLayout(inventory.pki());
        String admin = PkiLayout.clientCertName(PkiLayout.ClientCert.ADMIN);
        List<URI> endpoints = lab.hosts().stream().map(host -> URI.create("https://" + host.address() + ":2379"))
                .toList();
        try {
            ClientTls tls = new ClientTls(Files.readAllBytes(pki.caCertificate()),
                    Files.readAllBytes(pki.certificate(admin)), Files.readAllBytes(pki.key(admin)));
            Writer writer = new Writer(new EtcdMembershipClient(endpoints, tls, Duration.ofSeconds(2)));
            writer.thread.start();
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write() {
        int sequence = 0;
        while (running) {
            String key = PREFIX + String.format("%06d", sequence++);
            try {
                client.put(key, "value");
                acknowledged.add(key);
            } catch (MembershipException notAcknowledged) {
                // a member restarting or an election: the write may or may not be there
            }
        }
    }

    /** Stops writing; returns the keys whose write the cluster acknowledged. */
    List<String> stop() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        client.close();
    }
}
