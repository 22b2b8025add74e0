package dev.etcdprovision.controller.workflow;

import java.time.Duration;

/**
 * One progress line: {@code [phase] target: detail (outcome, seconds)}. The target is a node
 * name, "cluster", or "controller".
 */
public record Event(String phase, String target, Outcome outcome, String detail, Duration took) {}
