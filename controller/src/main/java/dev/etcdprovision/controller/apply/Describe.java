package dev.etcdprovision.controller.apply;

import java.util.List;

/** Short words for progress lines. */
final class Describe {
    private Describe() {}

    /** File names without their folders: {@code etcd.conf, server.crt}. */
    static String files(List<String> paths) {
        return String.join(", ", paths.stream().map(path -> path.substring(path.lastIndexOf('/') + 1)).toList());
    }
}
