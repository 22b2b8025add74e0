package dev.etcdprovision.controller.cluster;

import java.net.URI;
import java.time.Duration;

/**
 * The answer to "can this member serve a linearizable read right now", the check
 * {@code etcdctl endpoint health} makes.
 */
public record EndpointHealth(URI endpoint, boolean healthy, Duration took, String error) {

    public static EndpointHealth healthy(URI endpoint, Duration took) {
        return new EndpointHealth(endpoint, true, took, "");
    }

    public static EndpointHealth unhealthy(URI endpoint, Duration took, String error) {
        return new EndpointHealth(endpoint, false, took, error);
    }
}
