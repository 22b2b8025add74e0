package dev.etcdprovision.controller.pki;

import java.util.List;
import java.util.Set;

/**
 * What one certificate must be: its name in the PKI folder ({@code nodes/k8s1-etcd1/server}),
 * subject, extended key usages and subject alternative names.
 */
public record CertSpec(String name, String commonName, List<String> organizations, Set<Usage> usages,
        List<SubjectAltName> sans) {

    /** Extended key usages. */
    public enum Usage { SERVER_AUTH, CLIENT_AUTH }

    public CertSpec {
        organizations = List.copyOf(organizations);
        usages = Set.copyOf(usages);
        sans = List.copyOf(sans);
    }

    /** The subject as RFC 2253 writes it (and {@code openssl x509 -nameopt RFC2253}): CN first. */
    public String subject() {
        StringBuilder subject = new StringBuilder("CN=" + commonName);
        organizations.forEach(organization -> subject.append(",O=").append(organization));
        return subject.toString();
    }
}
