package dev.etcdprovision.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Sha256SumsTest {
    private static final String A = "4efc0997dd451953c2a34e84e4a4f78d595ed8f4aeafc47ce0c953706ae225e7";
    private static final String B = "2afb9c5b091eebbed1db23022271e1150caa4d7a94279719ad21295a95b1b2c2";

    @Test
    void readsSha256sumLinesInTextAndBinaryMode() {
        String text = A + "  etcd-v3.4.23-linux-amd64.tar.gz\n" + B.toUpperCase()
                + " *etcd-v3.5.16-linux-amd64.tar.gz\n";
        assertEquals(Map.of("etcd-v3.4.23-linux-amd64.tar.gz", A, "etcd-v3.5.16-linux-amd64.tar.gz", B),
                Sha256Sums.parse(text));
    }

    @Test
    void readsBsdLinesAndSkipsEverythingElse() {
        String text = """
                # checksums of the release
                SHA256 (etcd-v3.5.16-linux-amd64.tar.gz) = %s
                d41d8cd98f00b204e9800998ecf8427e  an-md5-line.txt

                %s  ./etcd-v3.4.23-linux-amd64.tar.gz\r
                """.formatted(B, A);
        assertEquals(Map.of("etcd-v3.5.16-linux-amd64.tar.gz", B, "etcd-v3.4.23-linux-amd64.tar.gz", A),
                Sha256Sums.parse(text));
    }
}
