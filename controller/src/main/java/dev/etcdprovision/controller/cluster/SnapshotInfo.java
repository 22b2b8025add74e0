package dev.etcdprovision.controller.cluster;

import java.net.URI;
import java.nio.file.Path;

/**
 * A snapshot saved on the controller. {@code revision} is the store revision read from the same
 * member just before the snapshot streamed: the snapshot holds at least that revision.
 */
public record SnapshotInfo(Path file, URI source, long sizeBytes, String sha256, long revision) {}
