package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.pki.PkiFolder.Unusable;
import dev.etcdprovision.controller.pki.PkiLayout.NodeCert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** A member's serving certificates in the PKI folder: the server and the peer certificate of a node. */
public final class ServingCertificates {
    private ServingCertificates() {}

    /**
     * When the first of the node's server and peer certificates expires; empty when the folder
     * holds neither (a member that is not in the inventory) or one cannot be read.
     */
    public static Optional<Instant> earliestExpiry(PkiLayout layout, String node) {
        PkiFolder folder = new PkiFolder(layout);
        Optional<Instant> earliest = Optional.empty();
        for (NodeCert cert : new NodeCert[] {NodeCert.SERVER, NodeCert.PEER}) {
            Path file = layout.certificate(PkiLayout.nodeCertName(node, cert));
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                Instant notAfter = folder.readCertificate(file).getNotAfter().toInstant();
                earliest = earliest.filter(known -> known.isBefore(notAfter)).or(() -> Optional.of(notAfter));
            } catch (Unusable | IOException unreadable) {
                return Optional.empty(); // `certs check` says what is wrong with it
            }
        }
        return earliest;
    }
}
