package dev.etcdprovision.agent.release;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an etcd release comes from and how it is verified: against a pinned sha256, or else
 * against a checksum file ({@code SHA256SUMS} next to the archive unless another URL is given).
 */
public record ReleaseSource(UrlTemplate archiveUrl, Optional<String> pinnedSha256, Optional<UrlTemplate> sumsUrl) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ReleaseSource {
        pinnedSha256 = pinnedSha256.map(sha -> sha.toLowerCase(Locale.ROOT));
        pinnedSha256.filter(sha -> !SHA256.matcher(sha).matches()).ifPresent(sha -> {
            throw new IllegalArgumentException("a pinned sha256 is 64 hex digits, not " + sha);
        });
    }

    /** The etcd project's releases on GitHub, checked against their SHA256SUMS. */
    public static ReleaseSource etcdProject() {
        return of(UrlTemplate.ETCD_RELEASES);
    }

    /** Archives from a URL template, checked against SHA256SUMS next to each archive. */
    public static ReleaseSource of(String urlTemplate) {
        return new ReleaseSource(new UrlTemplate(urlTemplate), Optional.empty(), Optional.empty());
    }

    public ReleaseSource withPinnedSha256(String sha256) {
        return new ReleaseSource(archiveUrl, Optional.of(sha256), sumsUrl);
    }

    public ReleaseSource withSumsUrl(String urlTemplate) {
        return new ReleaseSource(archiveUrl, pinnedSha256, Optional.of(new UrlTemplate(urlTemplate)));
    }

    URI archive(String version, String arch) {
        return archiveUrl.expand(version, arch);
    }

    URI sums(String version, String arch) {
        // beside the archive, spelled like it (URI.resolve would turn file:///x into file:/x)
        return sumsUrl.map(template -> template.expand(version, arch)).orElseGet(() -> {
            String archive = archive(version, arch).toString();
            return URI.create(archive.substring(0, archive.lastIndexOf('/') + 1) + "SHA256SUMS");
        });
    }

    /** The archive's file name, the last segment of its URL: etcd-v3.5.16-linux-amd64.tar.gz. */
    String archiveName(String version, String arch) {
        String path = archive(version, arch).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
