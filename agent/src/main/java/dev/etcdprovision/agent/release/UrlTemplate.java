package dev.etcdprovision.agent.release;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release URL with {@code {version}} and {@code {arch}} placeholders, e.g. the etcd project's
 * {@value #ETCD_RELEASES}. Schemes: https, http, file.
 */
public record UrlTemplate(String template) {
    public static final String ETCD_RELEASES =
            "https://github.com/etcd-io/etcd/releases/download/v{version}/etcd-v{version}-linux-{arch}.tar.gz";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> KNOWN = Set.of("version", "arch");
    private static final Set<String> SCHEMES = Set.of("https", "http", "file");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9]+");

    public UrlTemplate {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            if (!KNOWN.contains(placeholders.group(1))) {
                throw new IllegalArgumentException("release URL " + template + " has the placeholder {"
                        + placeholders.group(1) + "}; only {version} and {arch} are known");
            }
        }
        URI sample = parse(template.replace("{version}", "1.2.3").replace("{arch}", "amd64"), template);
        if (sample.getScheme() == null || !SCHEMES.contains(sample.getScheme())) {
            throw new IllegalArgumentException("release URL " + template + " must start with https://, http://"
                    + " or file://");
        }
    }

    /** The URL of one archive. */
    public URI expand(String version, String arch) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("an etcd version like 3.5.16, not " + version);
        }
        if (!ARCH.matcher(arch).matches()) {
            throw new IllegalArgumentException("an architecture like amd64, not " + arch);
        }
        return parse(template.replace("{version}", version).replace("{arch}", arch), template);
    }

    private static URI parse(String url, String template) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("release URL " + template + " is not a valid URL: " + e.getMessage());
        }
    }
}
