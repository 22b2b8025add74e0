package dev.etcdprovision.agent;

/** Checks for paths on hosts: absolute, no trailing slash, no line break (the scripts read lines). */
public final class RemotePath {
    private RemotePath() {}

    public static String require(String path) {
        if (path == null || !path.startsWith("/") || path.contains("\n") || path.contains("\0")
                || (path.length() > 1 && path.endsWith("/")) || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("a remote path must be absolute, without a trailing slash, .. or a"
                    + " line break, not " + path);
        }
        return path;
    }
}
