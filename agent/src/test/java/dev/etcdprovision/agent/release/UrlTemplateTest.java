package dev.etcdprovision.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {
    @Test
    void theEtcdProjectsReleasesExpandToTheOfficialArchiveAndItsChecksums() {
        ReleaseSource source = ReleaseSource.etcdProject();
        assertEquals(URI.create("https://github.com/etcd-io/etcd/releases/download/"
                + "v3.5.16/etcd-v3.5.16-linux-arm64.tar.gz"),
                source.archive("3.5.16", "arm64"));
        assertEquals(URI.create("https://github.com/etcd-io/etcd/releases/download/v3.5.16/SHA256SUMS"),
                source.sums("3.5.16", "arm64"));
        assertEquals("etcd-v3.5.16-linux-arm64.tar.gz", source.archiveName("3.5.16", "arm64"));
    }

    @Test
    void fileAndHttpUrlsWorkAlike() {
        assertEquals(URI.create("file:///srv/mirror/etcd-v3.4.23-linux-amd64.tar.gz"),
                new UrlTemplate("file:///srv/mirror/etcd-v{version}-linux-{arch}.tar.gz").expand("3.4.23", "amd64"));
        ReleaseSource local = ReleaseSource.of(
                "http://127.0.0.1:8080/etcd/v{version}/etcd-v{version}-linux-{arch}.tar.gz");
        assertEquals(URI.create("http://127.0.0.1:8080/etcd/v3.4.23/SHA256SUMS"), local.sums("3.4.23", "amd64"));
    }

    @Test
    void aChecksumFileElsewhereAndAPinnedHashAreOptions() {
        ReleaseSource source = ReleaseSource.of("https://mirror.example/etcd-v{version}-linux-{arch}.tar.gz")
                .withSumsUrl("https://mirror.example/sums/{version}.txt")
                .withPinnedSha256("ABCDEF" + "0".repeat(58));
        assertEquals(URI.create("https://mirror.example/sums/3.5.16.txt"), source.sums("3.5.16", "amd64"));
        assertEquals(Optional.of("abcdef" + "0".repeat(58)), source.pinnedSha256());
        assertThrows(IllegalArgumentException.class, () -> source.withPinnedSha256("not-a-hash"));
    }

    @Test
    void badTemplatesAndValuesAreRefusedWithTheReason() {
        IllegalArgumentException placeholder = assertThrows(IllegalArgumentException.class,
                () -> new UrlTemplate("https://x/etcd-{Version}.tar.gz"));
        assertTrue(placeholder.getMessage().contains("{Version}"), placeholder.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UrlTemplate("ftp://x/etcd-{version}.tar.gz"));
        assertThrows(IllegalArgumentException.class, () -> new UrlTemplate("/srv/etcd-{version}.tar.gz"));
        UrlTemplate template = new UrlTemplate(UrlTemplate.ETCD_RELEASES);
        assertThrows(IllegalArgumentException.class, () -> template.expand("3.5", "amd64"));
        assertThrows(IllegalArgumentException.class, () -> template.expand("3.5.16/../../x", "amd64"));
        assertThrows(IllegalArgumentException.class, () -> template.expand("3.5.16", "AMD 64"));
        assertEquals(URI.create("https://github.com/etcd-io/etcd/releases/download/"
                + "v3.6.0-rc.1/etcd-v3.6.0-rc.1-linux-amd64.tar.gz"),
                template.expand("3.6.0-rc.1", "amd64"));
    }
}
