package dev.etcdprovision.agent.release;

import java.nio.file.Path;

/** A binary of a release, extracted into the local cache, with its verified sha256. */
public record ReleaseBinary(String name, Path file, String sha256, long size) {}
