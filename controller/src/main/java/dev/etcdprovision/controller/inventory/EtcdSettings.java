package dev.etcdprovision.controller.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code etcd} section: tunables of every member. Each has a default that suits a cluster
 * behind a Kubernetes API server; README.md and inventory.example.yaml explain each one.
 */
public record EtcdSettings(
        Duration heartbeatInterval,
        Duration electionTimeout,
        ByteSize backendQuota,
        AutoCompaction autoCompaction,
        Integer snapshotCount,
        LogLevel logLevel,
        ByteSize maxRequestSize,
        String metricsUrl,
        Boolean localhostClientListener) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(1000);
    /** etcd's own default is 2 GiB; 8 GiB is the most etcd recommends, and kube clusters outgrow 2. */
    public static final ByteSize DEFAULT_BACKEND_QUOTA = ByteSize.ofGiB(8);
    /** etcd 3.6 lowered its default to 10000: less raft log in memory, faster catch-up of followers. */
    public static final int DEFAULT_SNAPSHOT_COUNT = 10_000;
    /** etcd's default, 1.5 MiB. */
    public static final ByteSize DEFAULT_MAX_REQUEST_SIZE = ByteSize.ofKiB(1536);
    /** Stands for the node's own address in {@code metricsUrl}. */
    public static final String ADDRESS_PLACEHOLDER = "{address}";

    public EtcdSettings {
        heartbeatInterval = heartbeatInterval != null ? heartbeatInterval : DEFAULT_HEARTBEAT_INTERVAL;
        electionTimeout = electionTimeout != null ? electionTimeout : DEFAULT_ELECTION_TIMEOUT;
        backendQuota = backendQuota != null ? backendQuota : DEFAULT_BACKEND_QUOTA;
        autoCompaction = autoCompaction != null ? autoCompaction : new AutoCompaction(null, null);
        snapshotCount = snapshotCount != null ? snapshotCount : DEFAULT_SNAPSHOT_COUNT;
        logLevel = logLevel != null ? logLevel : LogLevel.INFO;
        maxRequestSize = maxRequestSize != null ? maxRequestSize : DEFAULT_MAX_REQUEST_SIZE;
        localhostClientListener = localhostClientListener != null ? localhostClientListener : false;
    }

    /** The metrics listener URL with {@code {address}} still in it, if the inventory asks for one. */
    public Optional<String> metricsUrlTemplate() {
        return Optional.ofNullable(metricsUrl);
    }

    /** etcd's log levels that make sense for a service. */
    public enum LogLevel {
        @JsonProperty("debug") DEBUG,
        @JsonProperty("info") INFO,
        @JsonProperty("warn") WARN,
        @JsonProperty("error") ERROR;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
