package dev.etcdprovision.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {
    @TempDir
    Path folder;
    final CliFixture cli = new CliFixture();

    @Test
    void generateReportsCreatedThenReusedThenReissuedWithTheReason() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        assertEquals(Main.OK, cli.run("certs", "generate", "-i", inventory.toString()), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals("[certs] created  ca.crt", lines.get(0));
        assertEquals("[certs] created  nodes/k8s1-etcd1/server.crt", lines.get(1));
        assertEquals("[certs] 12 certificates in " + folder.resolve("pki") + ": 12 created, 0 reused, 0 reissued",
                lines.get(12));

        assertEquals(Main.OK, cli.run("certs", "generate", "-i", inventory.toString()));
        assertTrue(cli.out().endsWith(": 0 created, 12 reused, 0 reissued\n"), cli.out());

        Files.writeString(inventory, Files.readString(inventory).replace("address: k8s1-etcd3.k8s.lan",
                "address: 192.0.2.33"));
        assertEquals(Main.OK, cli.run("certs", "generate", "-i", inventory.toString()));
        assertTrue(cli.out().contains("[certs] reissued nodes/k8s1-etcd3/peer.crt: its SANs differ (wanted"
                + " IP:192.0.2.33; no longer DNS:k8s1-etcd3.k8s.lan)\n"), cli.out());
        assertTrue(cli.out().endsWith(": 0 created, 10 reused, 2 reissued\n"), cli.out());
    }

    @Test
    void generateAsJson() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        assertEquals(Main.OK, cli.run("certs", "generate", "-i", inventory.toString(), "--output", "json"));
        assertTrue(cli.out().contains("\"certificate\" : \"clients/admin.crt\",\n    \"action\" : \"created\""),
                cli.out());
    }

    @Test
    void aMissingCaKeyStopsGenerateWithExit65() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        cli.run("certs", "generate", "-i", inventory.toString());
        Files.delete(folder.resolve("pki/ca.key"));
        assertEquals(Main.INVALID_INPUT, cli.run("certs", "generate", "-i", inventory.toString()));
        assertTrue(cli.err().startsWith("[certs] the CA in " + folder.resolve("pki") + " is not usable: ca.key is"
                + " missing."), cli.err());
    }

    @Test
    void checkPrintsATableAndExitsZeroWhenAllIsFine() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        cli.run("certs", "generate", "-i", inventory.toString());
        assertEquals(Main.OK, cli.run("certs", "check", "-i", inventory.toString()), cli.out());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).matches("FILE +SUBJECT +SANS +NOT AFTER +DAYS +STATUS"), lines.get(0));
        assertTrue(lines.get(2).matches("nodes/k8s1-etcd1/server\\.crt +CN=k8s1-etcd1 +DNS:k8s1-etcd1,"
                + "DNS:k8s1-etcd1\\.k8s\\.lan,DNS:localhost,IP:127\\.0\\.0\\.1,IP:::1"
                + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +7(29|30) +ok"), lines.get(2));
        assertEquals("[certs] all 12 certificates are fine", lines.get(13));
    }

    @Test
    void checkExitsOneWhenACertificateExpiresWithinTheWarningDays() throws Exception {
        Path inventory = CliFixture.inventory(folder, "  certificateValidityDays: 20");
        cli.run("certs", "generate", "-i", inventory.toString());
        assertEquals(Main.FAILURE, cli.run("certs", "check", "-i", inventory.toString()));
        assertTrue(cli.out().contains("expiring: certs generate reissues it"), cli.out());
        assertTrue(cli.out().endsWith("[certs] 11 of 12 certificates need attention (expiring within 30 days, expired,"
                + " missing or not what the inventory asks for): run etcd-provision certs generate\n"), cli.out());

        assertEquals(Main.OK, cli.run("certs", "check", "-i", inventory.toString(), "--warn-days", "10"));
    }

    @Test
    void checkAsJsonAndForAMissingFile() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        cli.run("certs", "generate", "-i", inventory.toString());
        Files.delete(folder.resolve("pki/clients/admin.crt"));
        Files.delete(folder.resolve("pki/clients/admin.key"));
        assertEquals(Main.FAILURE, cli.run("certs", "check", "-i", inventory.toString(), "--output", "json"));
        assertTrue(cli.out().contains("""
                  "file" : "clients/admin.crt",
                  "subject" : "CN=admin",
                  "sans" : [ ],
                  "notAfter" : null,
                  "daysLeft" : null,
                  "status" : "missing",
                """), cli.out());
        assertTrue(cli.out().contains("\"status\" : \"ok\""), cli.out());
    }

    @Test
    void negativeWarnDaysAreAUsageError() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        assertEquals(Main.USAGE, cli.run("certs", "check", "-i", inventory.toString(), "--warn-days", "-1"));
        assertTrue(cli.err().contains("--warn-days must be 0 or more"), cli.err());
    }

    @Test
    void certsAloneAsksWhatToDo() {
        assertEquals(Main.USAGE, cli.run("certs"));
        assertTrue(cli.err().contains("say what to do: generate or check"), cli.err());
    }
}
