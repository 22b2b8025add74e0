package dev.etcdprovision.controller.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.etcdprovision.controller.lab.LocalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The openssl command line, as an independent judge of what the PKI writes. */
public final class Openssl {
    private Openssl() {}

    /** Runs openssl; a non-zero exit fails the test with openssl's output. */
    public static String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        LocalProcess.Result result = LocalProcess.run(Duration.ofSeconds(30), command);
        assertEquals(0, result.exitCode(), () -> command + ":\n" + result.stdout() + result.stderr());
        return result.stdout();
    }

    static String text(Path certificate) {
        return run("x509", "-in", certificate.toString(), "-noout", "-text");
    }

    static String subject(Path certificate) {
        return run("x509", "-in", certificate.toString(), "-noout", "-subject", "-nameopt", "RFC2253").strip();
    }

    static String verify(Path ca, Path certificate) {
        return run("verify", "-CAfile", ca.toString(), certificate.toString()).strip();
    }

    /** The public key of a private key file and of a certificate, as PEM. */
    static String publicKeyOfKey(Path key) {
        return run("pkey", "-in", key.toString(), "-pubout");
    }

    static String publicKeyOfCertificate(Path certificate) {
        return run("x509", "-in", certificate.toString(), "-noout", "-pubkey");
    }
}
