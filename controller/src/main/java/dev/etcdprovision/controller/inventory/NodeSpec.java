package dev.etcdprovision.controller.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of {@code nodes}: a member of the cluster. The address is used for SSH and in every
 * etcd URL; the name is the etcd member name and a name in its certificates.
 */
public record NodeSpec(@Required String name, @Required String address, List<String> extraSans) {

    public NodeSpec {
        // null items stay until validation reports them (at their index)
        extraSans = extraSans != null ? Collections.unmodifiableList(new ArrayList<>(extraSans)) : List.of();
    }

    /** Whether the address is an IP address (else it is a DNS name). */
    public boolean hasIpAddress() {
        return Hostnames.isIpAddress(address);
    }
}
