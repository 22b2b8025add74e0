package dev.etcdprovision.controller.render;

import static dev.etcdprovision.controller.render.RenderFixtures.inventory;
import static dev.etcdprovision.controller.render.RenderFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.etcdprovision.agent.RemoteFile;
import dev.etcdprovision.controller.inventory.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
    @TempDir
    Path overrides;

    @Test
    void eachFileHasItsPathModeAndOwner() {
        NodeFiles files = new Renderer().render(model(inventory("3.5.16", 3), 2));
        assertEquals(List.of("/etc/etcd/etcd.conf (" + files.etcdConf().content().length + " bytes, 0640 root:etcd)",
                "/etc/etcd/etcdctl.env (" + files.etcdctlEnv().content().length + " bytes, 0644 root:root)",
                "/usr/local/bin/etcdctl (" + files.etcdctl().content().length + " bytes, 0755 root:root)",
                "/etc/systemd/system/etcd3.service (" + files.unit().content().length + " bytes, 0644 root:root)"),
                files.all().stream().map(RemoteFile::toString).toList());
        assertEquals("k8s1-etcd2", files.etcdConfVariables().variables().get("ETCD_NAME"));
    }

    @Test
    void theEtcdctlWrapperIsAShellScriptThatLoadsTheNodesSettingsAndRunsItsReleasesEtcdctl() {
        String wrapper = new Renderer().render(model(inventory("3.4.23", 1), 1)).etcdctl().text();
        assertTrue(wrapper.startsWith("#!/bin/sh\n"), wrapper);
        assertTrue(wrapper.contains("\n. /etc/etcd/etcdctl.env\n"), wrapper);
        assertTrue(wrapper.contains("\nexec /opt/etcd/v3.4.23/etcdctl \"$@\"\n"), wrapper);
    }

    @Test
    void onlyVariablesTheReleaseKnowsAreWritten() {
        Inventory v34 = inventory("3.4.23", 1);
        Inventory v354 = inventory("3.5.4", 1);
        Inventory v355 = inventory("3.5.5", 1);
        String compactHashCheck = "ETCD_EXPERIMENTAL_COMPACT_HASH_CHECK_ENABLED";
        assertFalse(variables(v34).contains(compactHashCheck));
        assertFalse(variables(v354).contains(compactHashCheck), "added in etcd 3.5.5");
        assertTrue(variables(v355).contains(compactHashCheck));
        assertEquals("zap", new Renderer().render(model(v34, 1)).etcdConfVariables().variables().get("ETCD_LOGGER"));
    }

    @Test
    void aTemplateInTheUserFolderReplacesThePackagedOneOfTheSameName() throws Exception {
        Files.writeString(overrides.resolve("etcdctl.env.ftl"), "ETCDCTL_ENDPOINTS=${node.clientUrl}\n");
        NodeFiles files = new Renderer(Optional.of(overrides)).render(model(inventory("3.5.16", 1), 1));
        assertEquals("ETCDCTL_ENDPOINTS=https://k8s1-etcd1.k8s.lan:2379\n", files.etcdctlEnv().text());
        assertTrue(files.unit().text().contains("Type=notify"), "the others stay packaged");
    }

    @Test
    void aMissingValueIsAnErrorNamingTheTemplateAndLine() throws Exception {
        Path template = Files.writeString(overrides.resolve("etcd3.service.ftl"), "[Unit]\nDescription=${node.role}\n");
        TemplateException error = assertThrows(TemplateException.class,
                () -> new Renderer(Optional.of(overrides)).render(model(inventory("3.5.16", 1), 1)));
        assertTrue(error.getMessage().startsWith("the template " + template + " failed: "), error.getMessage());
        assertTrue(error.getMessage().contains("node.role"), error.getMessage());
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void aSyntaxErrorNamesTheTemplateAndLine() throws Exception {
        Path template = Files.writeString(overrides.resolve("etcd.conf.ftl"), "ETCD_NAME=${node.name}\n<#if>\n");
        TemplateException error = assertThrows(TemplateException.class,
                () -> new Renderer(Optional.of(overrides)).render(model(inventory("3.5.16", 1), 1)));
        assertTrue(error.getMessage().startsWith("the template " + template + " has a mistake on line 2: "),
                error.getMessage());
    }

    @Test
    void anEtcdConfThatIsNotVariablesIsRefused() throws Exception {
        Files.writeString(overrides.resolve("etcd.conf.ftl"), "name: ${node.name}\n");
        TemplateException error = assertThrows(TemplateException.class,
                () -> new Renderer(Optional.of(overrides)).render(model(inventory("3.5.16", 1), 1)));
        assertTrue(error.getMessage().endsWith("renders an etcd.conf that systemd cannot read:"
                + " 'name: k8s1-etcd1' is not a NAME=value line"), error.getMessage());
    }

    @Test
    void aTemplatesFolderThatDoesNotExistIsNamed() {
        Path missing = overrides.resolve("nope");
        TemplateException error = assertThrows(TemplateException.class, () -> new Renderer(Optional.of(missing)));
        assertEquals("the templates folder " + missing + " does not exist", error.getMessage());
    }

    private static Set<String> variables(Inventory inventory) {
        return new Renderer().render(model(inventory, 1)).etcdConfVariables().variables().keySet();
    }
}
