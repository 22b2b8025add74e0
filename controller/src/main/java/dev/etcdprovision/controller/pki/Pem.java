package dev.etcdprovision.controller.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text of certificates and private keys, as etcd, etcdctl and openssl read them. */
final class Pem {
    private Pem() {}

    static byte[] certificate(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * PKCS#8 ("BEGIN PRIVATE KEY"). Not the writer's default for EC keys: that writes an "EC
     * PRIVATE KEY" without the curve, which etcd and netty refuse.
     */
    static byte[] privateKey(PrivateKey key) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The first certificate in the text. */
    static X509Certificate readCertificate(byte[] pem) throws PemException {
        Object object = readObject(pem);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new PemException("holds no PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new PemException("holds a certificate that cannot be read: " + e.getMessage());
        }
    }

    /** A PKCS#8, EC or RSA private key. */
    static PrivateKey readPrivateKey(byte[] pem) throws PemException {
        Object object = readObject(pem);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new PemException("holds a private key that cannot be read");
        }
        throw new PemException("holds no unencrypted PEM private key");
    }

    private static Object readObject(byte[] pem) throws PemException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            // the message names no key material: the parser only reports the structure it expected
            throw new PemException("is not PEM that can be read");
        }
    }

    /** A file that is not what it should be; the caller adds which file. */
    static final class PemException extends Exception {
        PemException(String message) {
            super(message);
        }
    }
}
