package dev.etcdprovision.controller.inventory;

/**
 * Where the etcd release archive comes from. {@code {version}} and {@code {arch}} in the URLs are
 * filled in per node; {@code https://}, {@code http://} and {@code file://} all work.
 */
public record ReleaseSpec(String url, String sha256sums) {

    public static final String DEFAULT_URL =
            "https://github.com/etcd-io/etcd/releases/download/v{version}/etcd-v{version}-linux-{arch}.tar.gz";

    public ReleaseSpec {
        url = url != null ? url : DEFAULT_URL;
        // etcd publishes SHA256SUMS in the same folder as the archives
        sha256sums = sha256sums != null ? sha256sums : url.substring(0, url.lastIndexOf('/') + 1) + "SHA256SUMS";
    }

    /** The archive URL for one version and architecture (e.g. 3.5.16, amd64). */
    public String archiveUrl(String version, String arch) {
        return fill(url, version, arch);
    }

    /** The checksum list URL for one version and architecture. */
    public String sha256sumsUrl(String version, String arch) {
        return fill(sha256sums, version, arch);
    }

    private static String fill(String template, String version, String arch) {
        return template.replace("{version}", version).replace("{arch}", arch);
    }
}
