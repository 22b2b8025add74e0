package dev.etcdprovision.controller.inventory;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code pki} section: where the CA and certificates live on the controller, and what they are like. */
public record PkiSpec(Path dir, KeyAlgorithm keyAlgorithm, Integer certificateValidityDays) {

    public static final Path DEFAULT_DIR = Path.of("pki");
    public static final int DEFAULT_VALIDITY_DAYS = 730;
    /** Leaf certificates never outlive the CA, which is made for ten years. */
    public static final int MAX_VALIDITY_DAYS = 3650;

    public PkiSpec {
        dir = dir != null ? dir : DEFAULT_DIR;
        keyAlgorithm = keyAlgorithm != null ? keyAlgorithm : KeyAlgorithm.ECDSA_P256;
        certificateValidityDays = certificateValidityDays != null ? certificateValidityDays : DEFAULT_VALIDITY_DAYS;
    }

    /** How long a newly issued leaf certificate is valid. */
    public Duration certificateValidity() {
        return Duration.ofDays(certificateValidityDays);
    }

    PkiSpec withDir(Path dir) {
        return new PkiSpec(dir, keyAlgorithm, certificateValidityDays);
    }
}
