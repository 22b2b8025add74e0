package dev.etcdprovision.agent.facts;

/** A group as {@code getent group} shows it. */
public record GroupEntry(String name, int gid) {}
