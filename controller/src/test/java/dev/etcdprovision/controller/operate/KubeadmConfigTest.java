package dev.etcdprovision.controller.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The etcd block of a kubeadm ClusterConfiguration, read back by a YAML parser. */
class KubeadmConfigTest {
    @Test
    void theExternalEtcdBlockHasTheEndpointsAndKubeadmsPaths() throws Exception {
        List<String> endpoints = List.of("https://192.0.2.1:2379", "https://[2001:db8::2]:2379",
                "https://etcd3.k8s.lan:2379");
        String yaml = KubeadmConfig.clusterConfiguration(endpoints, Path.of("/home/ops/k8s1 files/kubeadm"));

        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertEquals("kubeadm.k8s.io/v1beta4", config.get("apiVersion").asText());
        assertEquals("ClusterConfiguration", config.get("kind").asText());
        JsonNode external = config.get("etcd").get("external");
        List<String> read = new ArrayList<>();
        external.get("endpoints").forEach(endpoint -> read.add(endpoint.asText()));
        assertEquals(endpoints, read);
        assertEquals("/etc/kubernetes/pki/etcd/ca.crt", external.get("caFile").asText());
        assertEquals("/etc/kubernetes/pki/apiserver-etcd-client.crt", external.get("certFile").asText());
        assertEquals("/etc/kubernetes/pki/apiserver-etcd-client.key", external.get("keyFile").asText());
        assertEquals(4, external.size(), "nothing else in the block: " + external);
        assertTrue(yaml.contains("#   cp -r '/home/ops/k8s1 files/kubeadm/.' /etc/kubernetes/pki/\n"), yaml);
    }
}
