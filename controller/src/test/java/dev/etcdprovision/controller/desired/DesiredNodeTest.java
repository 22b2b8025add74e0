package dev.etcdprovision.controller.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.InventoryLoader;
import dev.etcdprovision.controller.pki.PkiGenerator;
import dev.etcdprovision.controller.render.NodeLayout;
import dev.etcdprovision.controller.render.Renderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node must have, and the fingerprint that decides restarts. */
class DesiredNodeTest {
    @TempDir
    Path folder;

    private Inventory inventory(String etcdSettings) throws Exception {
        Files.writeString(folder.resolve("id_ed25519"), "key\n");
        Path file = Files.writeString(folder.resolve("inventory.yaml"), """
                cluster: {name: k8s1, etcdVersion: 3.5.16}
                ssh: {identityFile: id_ed25519}
                %s
                nodes:
                  - {name: a, address: 192.0.2.1}
                  - {name: b, address: 192.0.2.2}
                  - {name: c, address: 192.0.2.3}
                """.formatted(etcdSettings));
        Inventory inventory = new InventoryLoader().load(file);
        new PkiGenerator().generate(inventory, Instant.now());
        return inventory;
    }

    @Test
    void theFingerprintIgnoresTheInitialSettingsButNotATunable() throws Exception {
        NodeTargets targets = new NodeTargets(inventory(""), new Renderer(), Set.of());
        var node = targets.inventory().node("b");
        DesiredNode forming = targets.forming(node);
        DesiredNode converged = targets.converged(node);
        DesiredNode joining = targets.joining(node, List.of("a=https://192.0.2.1:2380"));

        assertNotEquals(forming.rendered().etcdConf().sha256(), converged.rendered().etcdConf().sha256());
        assertEquals(forming.fingerprint(), converged.fingerprint(), "state new -> existing needs no restart");
        assertEquals(joining.fingerprint(), converged.fingerprint(), "the member list needs no restart");

        NodeTargets tuned = new NodeTargets(inventory("etcd: {snapshotCount: 5000}"), new Renderer(), Set.of());
        assertNotEquals(converged.fingerprint(), tuned.converged(tuned.inventory().node("b")).fingerprint());
    }

    @Test
    void theEtcdctlWrapperIsDeliveredButIsNotPartOfTheFingerprint() throws Exception {
        Inventory inventory = inventory("");
        var node = inventory.node("a");
        DesiredNode packaged = new NodeTargets(inventory, new Renderer(), Set.of()).converged(node);
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("etcdctl.sh.ftl"), "#!/bin/sh\nexec etcdctl \"$@\"\n");
        DesiredNode overridden = new NodeTargets(inventory, new Renderer(Optional.of(templates)), Set.of())
                .converged(node);

        assertTrue(packaged.files().stream().anyMatch(file -> file.path().equals(NodeLayout.ETCDCTL_WRAPPER)));
        assertNotEquals(packaged.rendered().etcdctl().sha256(), overridden.rendered().etcdctl().sha256());
        assertEquals(packaged.fingerprint(), overridden.fingerprint(), "a new wrapper restarts no member");
    }

    @Test
    void aJoiningNodeListsTheMembersAndItselfOnce() throws Exception {
        NodeTargets targets = new NodeTargets(inventory(""), new Renderer(), Set.of());
        DesiredNode joining = targets.joining(targets.inventory().node("c"),
                List.of("a=https://192.0.2.1:2380", "c=https://192.0.2.3:2380"));
        var variables = joining.rendered().etcdConfVariables().variables();
        assertEquals("a=https://192.0.2.1:2380,c=https://192.0.2.3:2380", variables.get("ETCD_INITIAL_CLUSTER"));
        assertEquals("existing", variables.get("ETCD_INITIAL_CLUSTER_STATE"));
        assertTrue(variables.get("ETCD_INITIAL_CLUSTER_TOKEN").startsWith("k8s1-"));
    }

    @Test
    void pendingCertificatesHaveNoFingerprintYetAndNoFilesForTheKeys() throws Exception {
        NodeTargets targets = new NodeTargets(inventory(""), new Renderer(), Set.of("a"));
        DesiredNode pending = targets.converged(targets.inventory().node("a"));
        assertTrue(pending.fingerprint().isEmpty());
        assertTrue(pending.files().stream().noneMatch(file -> file.path().equals(NodeLayout.SERVER_KEY)));
        assertTrue(targets.converged(targets.inventory().node("b")).runningConfigRecord().isPresent());
    }
}
