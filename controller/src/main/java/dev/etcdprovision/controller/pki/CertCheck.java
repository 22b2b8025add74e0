package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.pki.PkiFolder.Stored;
import dev.etcdprovision.controller.pki.PkiFolder.Unusable;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Looks at every certificate the inventory needs, without changing anything: how long each has
 * left and whether it is still what the inventory asks for.
 */
public final class CertCheck {

    public enum Status {
        OK(false),
        /** Less than a third of its lifetime left: the next {@code certs generate} reissues it. */
        RENEWAL_DUE(false),
        /** Expires within the warning period. */
        EXPIRING(true),
        EXPIRED(true),
        MISSING(true),
        /** Unreadable, or not what the inventory asks for: {@code certs generate} reissues it. */
        MISMATCH(true);

        private final boolean needsAttention;

        Status(boolean needsAttention) {
            this.needsAttention = needsAttention;
        }

        public boolean needsAttention() {
            return needsAttention;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One row: {@code file} within the PKI folder; {@code notAfter} and {@code daysLeft} are
     * null when the certificate is missing or unreadable; {@code detail} explains the status.
     */
    public record Row(String file, String subject, List<String> sans, Instant notAfter, Long daysLeft,
            Status status, String detail) {}

    private static final String REISSUE = "certs generate reissues it";
    private static final String NEW_CA = "a CA is never replaced automatically: a new one means new certificates"
            + " on every node and client";

    private CertCheck() {}

    public static List<Row> check(Inventory inventory, Instant now, int warnDays) throws IOException {
        PkiFolder folder = new PkiFolder(new PkiLayout(inventory.pki().dir()));
        Duration warning = Duration.ofDays(warnDays);
        List<Row> rows = new ArrayList<>();
        Optional<CertificateAuthority> ca = ca(folder, now, warning, rows);
        for (CertSpec spec : CertSpecs.forInventory(inventory)) {
            String file = folder.relative(folder.layout().certificate(spec.name()));
            Optional<Stored> stored;
            try {
                stored = folder.read(spec.name());
            } catch (Unusable e) {
                rows.add(new Row(file, "", List.of(), null, null, Status.MISMATCH, e.getMessage()));
                continue;
            }
            if (stored.isEmpty()) {
                rows.add(new Row(file, spec.subject(), List.of(), null, null, Status.MISSING, "certs generate makes it"));
                continue;
            }
            X509Certificate certificate = stored.get().certificate();
            if (ca.isEmpty()) {
                rows.add(row(file, certificate, now, Status.MISMATCH, "no usable CA to check it against"));
                continue;
            }
            ReuseRule.Verdict verdict = ReuseRule.judge(certificate, stored.get().key(), spec,
                    inventory.pki().keyAlgorithm(), ca.get(), now);
            rows.add(switch (verdict.kind()) {
                case MISMATCH -> row(file, certificate, now, Status.MISMATCH, verdict.reason());
                case RENEW -> timed(file, certificate, now, warning, Status.RENEWAL_DUE, verdict.reason(), REISSUE);
                case KEEP -> timed(file, certificate, now, warning, Status.OK, "", REISSUE);
            });
        }
        return rows;
    }

    private static Optional<CertificateAuthority> ca(PkiFolder folder, Instant now, Duration warning, List<Row> rows)
            throws IOException {
        String file = folder.relative(folder.layout().caCertificate());
        try {
            Optional<Stored> stored = folder.read(PkiLayout.CA);
            if (stored.isEmpty()) {
                rows.add(new Row(file, "", List.of(), null, null, Status.MISSING, "certs generate makes it"));
                return Optional.empty();
            }
            CertificateAuthority ca = new CertificateAuthority(stored.get().certificate(), stored.get().key());
            if (!ca.keyMatches()) {
                rows.add(row(file, ca.certificate(), now, Status.MISMATCH, "ca.key is not the key of ca.crt"));
                return Optional.empty();
            }
            rows.add(timed(file, ca.certificate(), now, warning, Status.OK, "", NEW_CA));
            return Optional.of(ca);
        } catch (Unusable e) {
            rows.add(new Row(file, "", List.of(), null, null, Status.MISMATCH, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Expiry decides when it is near: expired, expiring within the warning, else the given status. */
    private static Row timed(String file, X509Certificate certificate, Instant now, Duration warning, Status status,
            String detail, String renewal) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (!now.isBefore(notAfter)) {
            return row(file, certificate, now, Status.EXPIRED, renewal);
        }
        if (Duration.between(now, notAfter).compareTo(warning) <= 0) {
            return row(file, certificate, now, Status.EXPIRING, renewal);
        }
        return row(file, certificate, now, status, detail);
    }

    private static Row row(String file, X509Certificate certificate, Instant now, Status status, String detail) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new Row(file, certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                ReuseRule.sans(certificate).stream().map(SubjectAltName::toString).toList(), notAfter,
                daysLeft(notAfter, now), status, detail);
    }

    /** Whole days from {@code now} until {@code notAfter}; negative once it has passed. */
    public static long daysLeft(Instant notAfter, Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
    }
}
