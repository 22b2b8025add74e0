package dev.etcdprovision.controller.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl command line, as an independent judge of what the PKI writes. */
final class Openssl {
    private Openssl() {}

    /** Runs openssl; a non-zero exit fails the test with openssl's output. */
    static String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            assertEquals(0, process.exitValue(), () -> command + ":\n" + output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
