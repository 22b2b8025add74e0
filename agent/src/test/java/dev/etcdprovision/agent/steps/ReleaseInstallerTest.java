package dev.etcdprovision.agent.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.RecordingHost;
import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.agent.facts.Ownership;
import dev.etcdprovision.agent.facts.PathState;
import dev.etcdprovision.agent.release.Release;
import dev.etcdprovision.agent.release.ReleaseBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseInstallerTest {
    private static final String DIR = "/opt/etcd/v9.9.9";

    @TempDir
    Path cache;

    private final RecordingHost host = new RecordingHost();
    private Release release;

    @BeforeEach
    void release() throws IOException {
        List<ReleaseBinary> binaries = new ArrayList<>();
        for (String name : List.of("etcd", "etcdctl", "etcdutl")) {
            byte[] content = ("binary " + name).getBytes(StandardCharsets.UTF_8);
            Path file = Files.write(cache.resolve(name), content);
            binaries.add(new ReleaseBinary(name, file, sha256(content), content.length));
        }
        release = new Release("9.9.9", "amd64", "f".repeat(64), binaries);
    }

    @Test
    void theFolderAndEveryBinaryAreTheStatesToAskFor() {
        assertEquals(List.of(DIR, DIR + "/etcd", DIR + "/etcdctl", DIR + "/etcdutl"),
                ReleaseInstaller.paths(release, DIR));
    }

    @Test
    void binariesInPlaceSendNothing() {
        StepResult result = new ReleaseInstaller(host).install(release, DIR, inPlace());
        assertEquals(StepResult.unchanged("etcd 9.9.9 in place"), result);
        assertTrue(host.commands().isEmpty());
    }

    @Test
    void onlyTheBinaryThatDiffersIsUploaded() throws IOException {
        Map<String, PathState> known = inPlace();
        known.put(DIR + "/etcdctl", PathState.file(DIR + "/etcdctl", "0".repeat(64), ReleaseInstaller.BINARY));
        host.onScript("write-file").reply("changed wrote 14 bytes");

        StepResult result = new ReleaseInstaller(host).install(release, DIR, known);

        assertEquals(StepResult.changed("uploaded etcdctl"), result);
        assertEquals(1, host.commands().size());
        RecordingHost.Recorded upload = host.commands().get(0);
        assertEquals(List.of(DIR + "/etcdctl", release.binary("etcdctl").orElseThrow().sha256(), "755", "root", "root",
                        "gzip"),
                upload.scriptArguments());
        // sent compressed; the host checks the sha256 of what it decompressed
        assertArrayEquals(Files.readAllBytes(cache.resolve("etcdctl")),
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(upload.stdin())).readAllBytes());
    }

    @Test
    void aBareHostGetsTheFolderAndAllBinaries() {
        Map<String, PathState> known = new LinkedHashMap<>();
        ReleaseInstaller.paths(release, DIR).forEach(path -> known.put(path, PathState.missing(path)));
        host.onScript("ensure-dir").reply("changed created");
        host.onScript("write-file").reply("changed wrote 12 bytes");

        StepResult result = new ReleaseInstaller(host).install(release, DIR, known);

        assertEquals(StepResult.changed("uploaded etcd, etcdctl, etcdutl"), result);
        assertEquals("ensure-dir /opt/etcd/v9.9.9 755 root root", host.displays().get(0));
        assertEquals(4, host.commands().size());
    }

    @Test
    void aStateMissingForOneBinaryIsAMistake() {
        Map<String, PathState> known = inPlace();
        known.remove(DIR + "/etcdutl");
        assertThrows(IllegalArgumentException.class, () -> new ReleaseInstaller(host).install(release, DIR, known));
    }

    @Test
    void withoutKnownStatesOneQuestionComesFirst() {
        StringBuilder answer = new StringBuilder("path dir - 755 root root " + DIR + "\n");
        for (ReleaseBinary binary : release.binaries()) {
            answer.append("path file ").append(binary.sha256()).append(" 755 root root ").append(DIR).append('/')
                    .append(binary.name()).append('\n');
        }
        host.onScript("describe-paths").reply(answer.toString());
        assertFalse(new ReleaseInstaller(host).install(release, DIR).changed());
        assertEquals(1, host.commands().size());
    }

    private Map<String, PathState> inPlace() {
        Map<String, PathState> known = new LinkedHashMap<>();
        known.put(DIR, PathState.directory(DIR, ReleaseInstaller.BINARY));
        for (ReleaseBinary binary : release.binaries()) {
            known.put(DIR + "/" + binary.name(), PathState.file(DIR + "/" + binary.name(), binary.sha256(),
                    new Ownership("root", "root", 0755)));
        }
        return known;
    }

    private static String sha256(byte[] content) {
        return new RemoteFile("/x", content, 0644, "root", "root").sha256();
    }
}
