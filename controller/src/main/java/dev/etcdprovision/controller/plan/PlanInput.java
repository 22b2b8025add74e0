package dev.etcdprovision.controller.plan;

import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.controller.desired.NodeTargets;
import dev.etcdprovision.controller.observe.Observation;
import dev.etcdprovision.controller.pki.PkiReport;
import java.util.Map;

/**
 * Everything a plan is made from.
 *
 * @param releases the release of the inventory's version, by architecture ({@code amd64}, ...)
 * @param currentTexts the current content of text files that differ, by node and path (for diffs)
 * @param allowRemove whether members that are not in the inventory may be removed
 */
public record PlanInput(NodeTargets targets, Observation observation, PkiReport pki, Map<String, Release> releases,
        Map<String, Map<String, String>> currentTexts, boolean allowRemove) {

    public PlanInput {
        releases = Map.copyOf(releases);
        currentTexts = Map.copyOf(currentTexts);
    }
}
