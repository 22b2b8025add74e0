package dev.etcdprovision.controller.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An etcd.conf as its ordered variables. A planner compares the rendered one with the one on
 * the node: when only {@code ETCD_INITIAL_*} differ, etcd ignores the change (it reads them only
 * while its data dir is empty) and no restart is needed.
 */
public record EtcdConf(Map<String, String> variables) {
    static final String INITIAL_PREFIX = "ETCD_INITIAL_";

    public EtcdConf {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Reads an environment file as systemd does for these files: {@code NAME=value} lines,
     * blank lines and {@code #} comments; one pair of surrounding quotes is removed.
     */
    public static EtcdConf parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")
                && !line.startsWith(";")).forEach(line -> {
                    int equals = line.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("'" + line + "' is not a NAME=value line");
                    }
                    variables.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
                });
        return new EtcdConf(variables);
    }

    /** The names whose value differs, or that only one side has, in this file's order then the other's. */
    public Set<String> changedFrom(EtcdConf before) {
        Set<String> changed = new LinkedHashSet<>();
        variables.forEach((name, value) -> {
            if (!value.equals(before.variables.get(name))) {
                changed.add(name);
            }
        });
        before.variables.keySet().stream().filter(name -> !variables.containsKey(name)).forEach(changed::add);
        return changed;
    }

    /** Whether a running member must restart to take this file instead of {@code before}. */
    public boolean needsRestartComparedTo(EtcdConf before) {
        return changedFrom(before).stream().anyMatch(name -> !name.startsWith(INITIAL_PREFIX));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
