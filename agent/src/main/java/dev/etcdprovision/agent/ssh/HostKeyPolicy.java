package dev.etcdprovision.agent.ssh;

/** What to do with a host whose key is not in known_hosts. A changed key is refused under either. */
public enum HostKeyPolicy {
    /** Only hosts whose key is in known_hosts. */
    STRICT,
    /** Trust on first use: an unknown host's key is added to known_hosts (--accept-new-host-keys). */
    ACCEPT_NEW
}
