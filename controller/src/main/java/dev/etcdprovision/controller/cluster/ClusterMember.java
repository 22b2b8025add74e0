package dev.etcdprovision.controller.cluster;

import java.net.URI;
import java.util.List;

/**
 * A member as the cluster lists it. A member that was added but has never started has no name
 * and no client URLs yet: it is found by its peer URL.
 */
public record ClusterMember(long id, String name, List<URI> peerUrls, List<URI> clientUrls, boolean learner) {

    public ClusterMember {
        name = name == null ? "" : name;
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    /** The id as etcdctl prints it (hex). */
    public String idHex() {
        return MemberIds.hex(id);
    }

    /** Added to the cluster but not started yet: it has not published its name. */
    public boolean neverStarted() {
        return name.isEmpty();
    }
}
