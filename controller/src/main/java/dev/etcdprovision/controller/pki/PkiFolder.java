package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.pki.Pem.PemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads and writes certificate and key pairs in the PKI folder, by name (see {@link PkiLayout}). */
final class PkiFolder {
    private final PkiLayout layout;

    PkiFolder(PkiLayout layout) {
        this.layout = layout;
    }

    PkiLayout layout() {
        return layout;
    }

    /** A certificate and its private key as read from the folder. */
    record Stored(X509Certificate certificate, PrivateKey key) {
        @Override
        public String toString() {
            return "certificate " + certificate.getSubjectX500Principal().getName();
        }
    }

    /** A pair that is only half there or cannot be read; {@code reason} says which file and why. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    /** The pair, or empty when neither file exists. */
    Optional<Stored> read(String name) throws Unusable, IOException {
        Path certificateFile = layout.certificate(name);
        Path keyFile = layout.key(name);
        boolean hasCertificate = Files.exists(certificateFile);
        boolean hasKey = Files.exists(keyFile);
        if (!hasCertificate && !hasKey) {
            return Optional.empty();
        }
        if (!hasKey) {
            throw new Unusable(relative(keyFile) + " is missing");
        }
        if (!hasCertificate) {
            throw new Unusable(relative(certificateFile) + " is missing");
        }
        return Optional.of(new Stored(readCertificate(certificateFile), readKey(keyFile)));
    }

    X509Certificate readCertificate(Path file) throws Unusable, IOException {
        try {
            return Pem.readCertificate(Files.readAllBytes(file));
        } catch (PemException e) {
            throw new Unusable(relative(file) + " " + e.getMessage());
        }
    }

    private PrivateKey readKey(Path file) throws Unusable, IOException {
        try {
            return Pem.readPrivateKey(Files.readAllBytes(file));
        } catch (PemException e) {
            throw new Unusable(relative(file) + " " + e.getMessage());
        }
    }

    /** Writes the key (0600), then the certificate (0644): a crash in between leaves a pair that does not match, which the next run reissues. */
    void store(String name, X509Certificate certificate, PrivateKey key) throws IOException {
        PrivateFiles.write(layout.key(name), Pem.privateKey(key), PrivateFiles.PRIVATE);
        PrivateFiles.write(layout.certificate(name), Pem.certificate(certificate), PrivateFiles.PUBLIC);
    }

    /** Whether any node or client certificate exists: then the CA that signed them must not be replaced. */
    boolean hasLeafCertificates() throws IOException {
        for (Path folder : layout.leafFolders()) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    if (files.anyMatch(file -> file.toString().endsWith(".crt"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A path as the user knows it: within the PKI folder. */
    String relative(Path file) {
        return layout.dir().relativize(file).toString();
    }
}
