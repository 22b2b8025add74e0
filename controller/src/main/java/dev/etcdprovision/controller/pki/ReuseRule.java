package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Whether an existing certificate can stay (kubeadm's rule): it chains to the CA, its key is
 * its own and of the wanted algorithm, it has exactly the wanted subject, usages and SANs, and
 * more than a third of its lifetime is left.
 */
final class ReuseRule {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** What to do with a certificate, and why. */
    record Verdict(Kind kind, String reason) {
        enum Kind {
            /** It is what is wanted and far from expiry. */
            KEEP,
            /** It is what is wanted but near or past its end. */
            RENEW,
            /** It is not what the inventory asks for (any more). */
            MISMATCH
        }

        static final Verdict KEEP = new Verdict(Kind.KEEP, "");
    }

    private ReuseRule() {}

    static Verdict judge(X509Certificate certificate, PrivateKey key, CertSpec spec, KeyAlgorithm algorithm,
            CertificateAuthority ca, Instant now) {
        List<String> mismatches = new ArrayList<>();
        if (!ca.issued(certificate)) {
            mismatches.add("it was not issued by this CA");
        }
        if (!KeyPairs.matches(certificate.getPublicKey(), key)) {
            mismatches.add("its key file holds another key");
        }
        if (KeyPairs.algorithmOf(certificate.getPublicKey()).filter(algorithm::equals).isEmpty()) {
            mismatches.add("its key is " + KeyPairs.describe(certificate.getPublicKey()) + ", the inventory asks for "
                    + algorithm);
        }
        X500Principal wantedSubject = new X500Principal(uncheckedEncoded(CertificateAuthority.subject(spec)));
        if (!certificate.getSubjectX500Principal().equals(wantedSubject)) {
            mismatches.add("its subject is " + certificate.getSubjectX500Principal().getName() + ", not "
                    + spec.subject());
        }
        if (!usages(certificate).equals(spec.usages())) {
            mismatches.add("its key usages are " + usages(certificate) + ", not " + spec.usages());
        }
        Set<SubjectAltName> have = sans(certificate);
        Set<SubjectAltName> want = new LinkedHashSet<>(spec.sans());
        if (!have.equals(want)) {
            mismatches.add("its SANs differ (" + difference(want, have) + ")");
        }
        if (!mismatches.isEmpty()) {
            return new Verdict(Verdict.Kind.MISMATCH, String.join("; ", mismatches));
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (!now.isBefore(notAfter)) {
            return new Verdict(Verdict.Kind.RENEW, "it expired on " + notAfter);
        }
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration left = Duration.between(now, notAfter);
        if (left.multipliedBy(3).compareTo(lifetime) <= 0) {
            return new Verdict(Verdict.Kind.RENEW, "it expires in " + left.toDays() + " days, less than a third of"
                    + " its lifetime of " + lifetime.toDays() + " days");
        }
        return Verdict.KEEP;
    }

    static Set<SubjectAltName> sans(X509Certificate certificate) {
        Set<SubjectAltName> sans = new LinkedHashSet<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == 2) {
                        sans.add(new SubjectAltName(SubjectAltName.Kind.DNS, (String) name.get(1)));
                    } else if (type == 7) {
                        sans.add(new SubjectAltName(SubjectAltName.Kind.IP, (String) name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable SANs count as none: the comparison then asks for a new certificate
        }
        return sans;
    }

    private static Set<CertSpec.Usage> usages(X509Certificate certificate) {
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            if (oids == null) {
                return Set.of();
            }
            Set<CertSpec.Usage> usages = new LinkedHashSet<>();
            if (oids.contains(SERVER_AUTH)) {
                usages.add(CertSpec.Usage.SERVER_AUTH);
            }
            if (oids.contains(CLIENT_AUTH)) {
                usages.add(CertSpec.Usage.CLIENT_AUTH);
            }
            return usages;
        } catch (CertificateParsingException e) {
            return Set.of();
        }
    }

    private static String difference(Set<SubjectAltName> want, Set<SubjectAltName> have) {
        List<String> parts = new ArrayList<>();
        String added = want.stream().filter(san -> !have.contains(san)).map(SubjectAltName::toString)
                .collect(Collectors.joining(", "));
        String dropped = have.stream().filter(san -> !want.contains(san)).map(SubjectAltName::toString)
                .collect(Collectors.joining(", "));
        if (!added.isEmpty()) {
            parts.add("wanted " + added);
        }
        if (!dropped.isEmpty()) {
            parts.add("no longer " + dropped);
        }
        return String.join("; ", parts);
    }

    private static byte[] uncheckedEncoded(X500Name name) {
        try {
            return name.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
