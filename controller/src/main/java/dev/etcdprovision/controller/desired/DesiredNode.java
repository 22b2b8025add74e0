package dev.etcdprovision.controller.desired;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.inventory.NodeSpec;
import dev.etcdprovision.controller.render.NodeFiles;
import dev.etcdprovision.controller.render.NodeLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one node must have: its rendered files and certificates, for one etcd version.
 *
 * @param certificates the node's certificate files from the PKI folder; when
 *     {@code certificatesPending}, some are yet to be issued (a plan made before the PKI phase)
 */
public record DesiredNode(NodeSpec node, String version, NodeFiles rendered, List<RemoteFile> certificates,
        boolean certificatesPending) {

    /** The files whose change a running etcd only sees after a restart (besides its etcd.conf and unit). */
    private static final Set<String> RESTART_FILES = Set.of(NodeLayout.CA_CERT, NodeLayout.SERVER_CERT,
            NodeLayout.SERVER_KEY, NodeLayout.PEER_CERT, NodeLayout.PEER_KEY);

    public DesiredNode {
        certificates = List.copyOf(certificates);
    }

    public String name() {
        return node.name();
    }

    /** Every file the node gets from the controller: certificates first, then the rendered ones. */
    public List<RemoteFile> files() {
        List<RemoteFile> files = new ArrayList<>(certificates);
        files.addAll(rendered.all());
        return files;
    }

    /**
     * A digest of what a running etcd reads only when it starts: the version, etcd.conf without
     * the ETCD_INITIAL_* settings (etcd reads those only while its data dir is empty), the unit,
     * and the CA, server and peer certificates and keys. A member whose recorded fingerprint
     * differs runs with old settings and needs a restart. Empty while certificates are pending.
     */
    public Optional<String> fingerprint() {
        if (certificatesPending) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("version ").append(version).append('\n');
        rendered.etcdConfVariables().variables().forEach((name, value) -> {
            if (!name.startsWith("ETCD_INITIAL_")) {
                text.append(name).append('=').append(value).append('\n');
            }
        });
        text.append("unit ").append(rendered.unit().sha256()).append('\n');
        certificates.stream().filter(file -> RESTART_FILES.contains(file.path()))
                .forEach(file -> text.append(file.path()).append(' ').append(file.sha256()).append('\n'));
        return Optional.of(sha256(text.toString()));
    }

    /** The record of {@link #fingerprint()} that is written on the node once etcd runs with it. */
    public Optional<RemoteFile> runningConfigRecord() {
        return fingerprint().map(digest -> RemoteFile.text(NodeLayout.RUNNING_CONFIG, digest + "\n", 0644, "root",
                "root"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
