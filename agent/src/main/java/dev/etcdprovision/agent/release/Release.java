package dev.etcdprovision.agent.release;

import java.util.List;
import java.util.Optional;

/**
 * An etcd release in the local cache: the archive verified, its binaries extracted and hashed.
 *
 * @param binaries etcd and etcdctl, and etcdutl when the release has it (3.5 and later)
 */
public record Release(String version, String arch, String archiveSha256, List<ReleaseBinary> binaries) {
    public Release {
        binaries = List.copyOf(binaries);
    }

    public Optional<ReleaseBinary> binary(String name) {
        return binaries.stream().filter(binary -> binary.name().equals(name)).findFirst();
    }
}
