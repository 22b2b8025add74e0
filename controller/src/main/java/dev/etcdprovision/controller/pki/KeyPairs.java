package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Locale;
import java.util.Optional;

/** Key pairs of the algorithms the inventory offers, and which of them a public key is. */
final class KeyPairs {
    private static final ECParameterSpec P256 = p256();

    private KeyPairs() {}

    static KeyPair generate(KeyAlgorithm algorithm, SecureRandom random) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ECDSA_P256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case RSA_2048, RSA_4096 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(algorithm == KeyAlgorithm.RSA_2048 ? 2048 : 4096, random);
                }
                default -> throw new IllegalArgumentException(algorithm.toString());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make " + algorithm + " keys", e);
        }
    }

    /** The inventory's name for the key's algorithm, or empty for any other kind of key. */
    static Optional<KeyAlgorithm> algorithmOf(PublicKey key) {
        if (key instanceof ECPublicKey ec && sameCurve(ec.getParams(), P256)) {
            return Optional.of(KeyAlgorithm.ECDSA_P256);
        }
        if (key instanceof RSAPublicKey rsa) {
            return switch (rsa.getModulus().bitLength()) {
                case 2048 -> Optional.of(KeyAlgorithm.RSA_2048);
                case 4096 -> Optional.of(KeyAlgorithm.RSA_4096);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** For messages: the algorithm's inventory name, or what else the key is. */
    static String describe(PublicKey key) {
        return algorithmOf(key).map(KeyAlgorithm::toString).orElseGet(() -> key instanceof RSAPublicKey rsa
                ? "rsa-" + rsa.getModulus().bitLength() : key.getAlgorithm().toLowerCase(Locale.ROOT));
    }

    /** Whether the private key belongs to the public key: it signs what the public key verifies. */
    static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "etcd-provision key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signatureAlgorithm(publicKey));
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm(publicKey));
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The signature algorithm a CA with this key signs with. */
    static String signatureAlgorithm(PublicKey caKey) {
        return caKey instanceof ECPublicKey ? "SHA256withECDSA" : "SHA256withRSA";
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder());
    }

    private static ECParameterSpec p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
