package dev.etcdprovision.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives made by GNU tar (see make-fixtures.sh beside them), read by the tool's own reader. */
class TarReaderTest {
    private static final String LONG_PATH = "a-folder-whose-name-is-long-enough-to-need-more-than-one-hundred-bytes/"
            + "and-a-nested-folder-too/file-with-a-long-path.txt";

    @ParameterizedTest
    @ValueSource(strings = {"gnu-long-name.tar", "pax-long-name.tar", "ustar-prefix.tar"})
    void namesLongerThanAHeaderFieldAreReadWhole(String fixture) throws IOException {
        TarReader tar = new TarReader(fixture(fixture));
        List<String> names = new ArrayList<>();
        String content = null;
        for (Optional<TarReader.Entry> entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            names.add(entry.get().name());
            if (entry.get().isFile()) {
                content = new String(tar.content().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertEquals(List.of(LONG_PATH.substring(0, LONG_PATH.lastIndexOf('/') + 1), LONG_PATH), names);
        assertEquals("long\n", content);
    }

    @Test
    void aReleaseArchiveListsItsFilesAndFoldersWithSizes() throws IOException {
        TarReader tar = new TarReader(new GZIPInputStream(fixture("etcd-v9.9.9-linux-amd64.tar.gz")));
        List<String> entries = new ArrayList<>();
        for (Optional<TarReader.Entry> entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            // content left unread: next() skips it
            entries.add(entry.get().name() + (entry.get().isFile() ? " " + entry.get().size() : ""));
        }
        assertEquals(List.of(
                "etcd-v9.9.9-linux-amd64/",
                "etcd-v9.9.9-linux-amd64/Documentation/",
                "etcd-v9.9.9-linux-amd64/Documentation/dev-guide/",
                "etcd-v9.9.9-linux-amd64/Documentation/dev-guide/api_reference_v3.md 6",
                "etcd-v9.9.9-linux-amd64/README.md 7",
                "etcd-v9.9.9-linux-amd64/etcd 37",
                "etcd-v9.9.9-linux-amd64/etcdctl 40",
                "etcd-v9.9.9-linux-amd64/etcdutl 40"), entries);
    }

    @Test
    void aDamagedHeaderIsRefused() throws IOException {
        byte[] tar = fixture("gnu-long-name.tar").readAllBytes();
        tar[10] ^= 0x20;
        IOException damaged = assertThrows(IOException.class,
                () -> new TarReader(new ByteArrayInputStream(tar)).next());
        assertTrue(damaged.getMessage().contains("checksum"), damaged.getMessage());
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        byte[] whole = fixture("ustar-prefix.tar").readAllBytes();
        byte[] cut = Arrays.copyOf(whole, 512 * 2 + 2);
        TarReader tar = new TarReader(new ByteArrayInputStream(cut));
        tar.next();
        tar.next();
        assertThrows(IOException.class, () -> tar.content().readAllBytes());
    }

    @Test
    void somethingElseIsNoTarArchive() {
        byte[] text = "this is not a tar archive\n".repeat(40).getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(text)).next());
    }

    @Test
    void paxRecordsAreFoundByKeyAndTheirLengthsAreChecked() {
        String records = "30 mtime=1432668921.098285006\n130 path=" + LONG_PATH + "\n";
        assertEquals(Optional.of(LONG_PATH), TarReader.paxValue(records, "path"));
        assertEquals(Optional.empty(), TarReader.paxValue(records, "size"));
        assertEquals(Optional.empty(), TarReader.paxValue(records.replace("130 ", "999 "), "path"));
    }

    static InputStream fixture(String name) {
        InputStream in = TarReaderTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no test fixture " + name);
        }
        return in;
    }
}
