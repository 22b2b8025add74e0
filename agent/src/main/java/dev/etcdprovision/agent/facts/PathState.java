package dev.etcdprovision.agent.facts;

import java.util.Optional;

/**
 * What a path on a host is: a file (with its sha256), a folder, something else, or nothing.
 *
 * @param sha256 lower-case hex, for files only
 * @param ownership for files and folders only
 */
public record PathState(String path, Kind kind, Optional<String> sha256, Optional<Ownership> ownership) {
    public enum Kind { FILE, DIRECTORY, OTHER, MISSING }

    public static PathState missing(String path) {
        return new PathState(path, Kind.MISSING, Optional.empty(), Optional.empty());
    }

    public static PathState file(String path, String sha256, Ownership ownership) {
        return new PathState(path, Kind.FILE, Optional.of(sha256), Optional.of(ownership));
    }

    public static PathState directory(String path, Ownership ownership) {
        return new PathState(path, Kind.DIRECTORY, Optional.empty(), Optional.of(ownership));
    }

    public boolean exists() {
        return kind != Kind.MISSING;
    }

    /** Whether this is a file with exactly this content. */
    public boolean hasContent(String expectedSha256) {
        return kind == Kind.FILE && sha256.orElseThrow().equals(expectedSha256);
    }

    public boolean hasOwnership(Ownership expected) {
        return ownership.filter(expected::equals).isPresent();
    }
}
