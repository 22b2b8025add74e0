package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import dev.etcdprovision.controller.pki.PkiFolder.Stored;
import dev.etcdprovision.controller.pki.PkiFolder.Unusable;
import dev.etcdprovision.controller.pki.PkiReport.Action;
import dev.etcdprovision.controller.pki.PkiReport.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the PKI folder hold every certificate the inventory needs: creates what is missing,
 * keeps what is still good ({@link ReuseRule}), reissues the rest, and reports which and why.
 * A library: it prints nothing. The CA is created once and never replaced.
 */
public final class PkiGenerator {
    private final SecureRandom random;

    public PkiGenerator() {
        this(new SecureRandom());
    }

    public PkiGenerator(SecureRandom random) {
        this.random = random;
    }

    public PkiReport generate(Inventory inventory, Instant now) throws PkiException, IOException {
        PkiFolder folder = new PkiFolder(new PkiLayout(inventory.pki().dir()));
        PrivateFiles.createRoot(folder.layout().dir());
        List<Outcome> outcomes = new ArrayList<>();
        CertificateAuthority ca = caFor(inventory, folder, now, outcomes);
        KeyAlgorithm algorithm = inventory.pki().keyAlgorithm();
        Duration validity = inventory.pki().certificateValidity();
        List<CertSpec> specs = CertSpecs.forInventory(inventory);
        try {
            // independent of each other; RSA keys take long enough to be worth the cores
            outcomes.addAll(specs.parallelStream()
                    .map(spec -> ensure(folder, spec, ca, algorithm, validity, now))
                    .toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new PkiReport(folder.layout().dir(), outcomes);
    }

    /** The CA in the folder, or a new one if the folder has no CA and no certificates at all. */
    private CertificateAuthority caFor(Inventory inventory, PkiFolder folder, Instant now, List<Outcome> outcomes)
            throws PkiException, IOException {
        Optional<CertificateAuthority> existing = existingCa(folder, now);
        if (existing.isPresent()) {
            outcomes.add(new Outcome(PkiLayout.CA, Action.REUSED, ""));
            return existing.get();
        }
        KeyPair keys = KeyPairs.generate(inventory.pki().keyAlgorithm(), random);
        CertificateAuthority ca = CertificateAuthority.create(inventory.cluster().name(), keys, now, random);
        folder.store(PkiLayout.CA, ca.certificate(), ca.privateKey());
        outcomes.add(new Outcome(PkiLayout.CA, Action.CREATED, ""));
        return ca;
    }

    /**
     * The usable CA of the folder; empty when the folder has no CA and no certificates at all (a
     * new PKI). A CA that cannot be used, or certificates without their CA, stop everything: a CA
     * is never replaced silently.
     */
    private static Optional<CertificateAuthority> existingCa(PkiFolder folder, Instant now)
            throws PkiException, IOException {
        PkiLayout layout = folder.layout();
        Optional<Stored> stored;
        try {
            stored = folder.read(PkiLayout.CA);
        } catch (Unusable e) {
            throw new PkiException("the CA in " + layout.dir() + " is not usable: " + e.getMessage() + ". Restore "
                    + "ca.crt and ca.key from a backup. To start over with a new CA instead, move the folder aside:"
                    + " every node and client then gets new certificates.");
        }
        if (stored.isPresent()) {
            CertificateAuthority ca = new CertificateAuthority(stored.get().certificate(), stored.get().key());
            if (!ca.keyMatches()) {
                throw new PkiException(layout.caKey() + " is not the key of " + layout.caCertificate()
                        + "; restore the pair from a backup");
            }
            Instant notAfter = ca.certificate().getNotAfter().toInstant();
            if (!now.isBefore(notAfter)) {
                throw new PkiException("the CA " + layout.caCertificate() + " expired on " + notAfter + "; move "
                        + layout.dir() + " aside to make a new CA (every node and client gets new certificates)");
            }
            return Optional.of(ca);
        }
        if (folder.hasLeafCertificates()) {
            throw new PkiException(layout.dir() + " holds certificates but no CA (ca.crt and ca.key are missing)."
                    + " Restore them from a backup; etcd-provision never replaces a CA on its own. To start over,"
                    + " move the folder aside: every node and client then gets new certificates.");
        }
        return Optional.empty();
    }

    /**
     * What {@link #generate} would do, writing nothing: for {@code plan}. A missing CA means every
     * certificate would be created.
     */
    public PkiReport assess(Inventory inventory, Instant now) throws PkiException, IOException {
        PkiFolder folder = new PkiFolder(new PkiLayout(inventory.pki().dir()));
        List<CertSpec> specs = CertSpecs.forInventory(inventory);
        List<Outcome> outcomes = new ArrayList<>();
        Optional<CertificateAuthority> ca = existingCa(folder, now);
        if (ca.isEmpty()) {
            outcomes.add(new Outcome(PkiLayout.CA, Action.CREATED, ""));
            specs.forEach(spec -> outcomes.add(new Outcome(spec.name(), Action.CREATED, "")));
            return new PkiReport(folder.layout().dir(), outcomes);
        }
        outcomes.add(new Outcome(PkiLayout.CA, Action.REUSED, ""));
        for (CertSpec spec : specs) {
            outcomes.add(decide(folder, spec, ca.get(), inventory.pki().keyAlgorithm(), now));
        }
        return new PkiReport(folder.layout().dir(), outcomes);
    }

    private Outcome ensure(PkiFolder folder, CertSpec spec, CertificateAuthority ca, KeyAlgorithm algorithm,
            Duration validity, Instant now) {
        try {
            Outcome decision = decide(folder, spec, ca, algorithm, now);
            if (decision.action() != Action.REUSED) {
                KeyPair keys = KeyPairs.generate(algorithm, random);
                X509Certificate certificate = ca.issue(spec, keys.getPublic(), now, validity, random);
                folder.store(spec.name(), certificate, keys.getPrivate());
            }
            return decision;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keep the stored certificate (the reuse rule), or issue one: created when none, reissued with the reason. */
    private static Outcome decide(PkiFolder folder, CertSpec spec, CertificateAuthority ca, KeyAlgorithm algorithm,
            Instant now) throws IOException {
        try {
            Optional<Stored> stored = folder.read(spec.name());
            if (stored.isEmpty()) {
                return new Outcome(spec.name(), Action.CREATED, "");
            }
            ReuseRule.Verdict verdict = ReuseRule.judge(stored.get().certificate(), stored.get().key(), spec,
                    algorithm, ca, now);
            return verdict.kind() == ReuseRule.Verdict.Kind.KEEP
                    ? new Outcome(spec.name(), Action.REUSED, "")
                    : new Outcome(spec.name(), Action.REISSUED, verdict.reason());
        } catch (Unusable e) {
            return new Outcome(spec.name(), Action.REISSUED, e.getMessage());
        }
    }
}
