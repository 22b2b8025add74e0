package dev.etcdprovision.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path folder;
    final CliFixture cli = new CliFixture();

    @Test
    void aValidInventoryPrintsOkAndASummary() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        assertEquals(Main.OK, cli.run("validate", inventory.toString()), cli.err());
        assertEquals("ok: cluster k8s1, etcd 3.5.16, 3 nodes (k8s1-etcd1, k8s1-etcd2, k8s1-etcd3), ecdsa-p256"
                + " certificates in " + folder.resolve("pki") + "\n", cli.out());
        assertEquals("", cli.err());
        assertEquals(Main.OK, cli.run("validate", "-i", inventory.toString()), "-i works the same");
    }

    @Test
    void problemsGoToStderrWithFileLineAndFieldAndExit65() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        Files.writeString(inventory, Files.readString(inventory).replace("etcdVersion: 3.5.16", "etcdVersion: 3.5")
                .replace("  - name: k8s1-etcd3\n    address: k8s1-etcd3.k8s.lan\n", ""));
        assertEquals(Main.INVALID_INPUT, cli.run("validate", inventory.toString()));
        assertEquals("", cli.out());
        assertEquals(inventory + ":3: cluster.etcdVersion: '3.5' is not an etcd version; write it as major.minor.patch"
                + " without a 'v', e.g. 3.5.16\n"
                + inventory + ":9: nodes: lists 2 nodes; an even count adds no safety: 2 members need 2 for a quorum"
                + " and survive 0 failures, as 1 do. Use 1 or 3 nodes\n"
                + inventory + ": 2 problems; fix them and run the command again\n", cli.err());
    }

    @Test
    void jsonCarriesTheSummaryOrTheProblems() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        assertEquals(Main.OK, cli.run("validate", inventory.toString(), "--output", "json"));
        assertTrue(cli.out().contains("\"valid\" : true"), cli.out());
        assertTrue(cli.out().contains("\"name\" : \"k8s1-etcd2\""), cli.out());

        Files.writeString(inventory, Files.readString(inventory).replace("name: k8s1\n", "name: k8s1\n  colour: red\n"));
        assertEquals(Main.INVALID_INPUT, cli.run("validate", inventory.toString(), "--output", "JSON"));
        assertTrue(cli.out().contains("\"valid\" : false"), cli.out());
        assertTrue(cli.out().contains("\"line\" : 3,\n    \"path\" : \"cluster.colour\",\n    \"message\" : \"unknown field;"),
                cli.out());
    }

    @Test
    void aBrokenTemplateOverrideIsCaughtByValidate() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        Path templates = Files.createDirectories(folder.resolve("templates"));
        Files.writeString(templates.resolve("etcd3.service.ftl"), "ExecStart=${layout.ETCD_BINARY}\n");
        assertEquals(Main.INVALID_INPUT, cli.run("validate", inventory.toString(), "--templates", templates.toString()));
        assertTrue(cli.err().startsWith("[render] the template " + templates.resolve("etcd3.service.ftl") + " failed:"),
                cli.err());
    }

    @Test
    void withoutAnInventoryItSaysBothWaysToGiveOne() {
        // the tests run in the module folder, which holds no inventory.yaml
        assertEquals(Main.USAGE, cli.run("validate"));
        assertTrue(cli.err().startsWith("etcd-provision: no inventory: give one with -i/--inventory FILE, or put"
                + " inventory.yaml in the current folder ("), cli.err());
    }

    @Test
    void twoDifferentInventoriesAreAUsageError() throws Exception {
        Path inventory = CliFixture.inventory(folder, "");
        assertEquals(Main.USAGE, cli.run("validate", inventory.toString(), "-i", "other.yaml"));
        assertTrue(cli.err().contains("give the inventory once"), cli.err());
    }
}
