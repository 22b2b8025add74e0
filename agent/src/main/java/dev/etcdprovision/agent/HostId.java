package dev.etcdprovision.agent;

/** A host as messages name it: the node name from the inventory and the address it is reached at. */
public record HostId(String name, String address) {
    public HostId {
        if (name == null || name.isBlank() || address == null || address.isBlank()) {
            throw new IllegalArgumentException("a host needs a name and an address, not " + name + "/" + address);
        }
    }

    @Override
    public String toString() {
        return name.equals(address) ? name : name + " (" + address + ")";
    }
}
