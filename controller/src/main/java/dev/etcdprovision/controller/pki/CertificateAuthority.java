package dev.etcdprovision.controller.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority, in process: a self-signed CA certificate and its key,
 * and the certificates it issues. Nothing here touches files.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
    /** A CA outlives many rounds of leaf certificates. */
    public static final Duration VALIDITY = Duration.ofDays(3650);
    /** Certificates start a little in the past, so a node whose clock is behind accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    /** The CA's common name for a cluster, e.g. {@code k8s1-etcd-ca}. */
    public static String commonName(String clusterName) {
        return clusterName + "-etcd-ca";
    }

    /**
     * A new CA: CN from the cluster name, ten years, BasicConstraints CA with path length 0 and
     * KeyUsage keyCertSign + cRLSign (both critical), subject key identifier.
     */
    public static CertificateAuthority create(String clusterName, KeyPair keys, Instant now, SecureRandom random) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName(clusterName)).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate(), keys.getPublic()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot make the CA certificate", e);
        }
    }

    /**
     * Issues a leaf certificate for {@code key}: valid from now (a little before) for
     * {@code validity}, but never beyond the CA itself.
     */
    public X509Certificate issue(CertSpec spec, PublicKey key, Instant now, Duration validity, SecureRandom random) {
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        boolean rsa = "RSA".equals(key.getAlgorithm());
        List<KeyPurposeId> purposes = spec.usages().stream().sorted()
                .map(usage -> usage == CertSpec.Usage.SERVER_AUTH ? KeyPurposeId.id_kp_serverAuth
                        : KeyPurposeId.id_kp_clientAuth)
                .toList();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject(spec), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    // key encipherment only means something for RSA key exchange
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | (rsa ? KeyUsage.keyEncipherment : 0)))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            if (!spec.sans().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(spec.sans()));
            }
            return sign(builder, privateKey, certificate.getPublicKey());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue " + spec.name(), e);
        }
    }

    /** Whether this CA signed the certificate (same issuer name and a valid signature). */
    public boolean issued(X509Certificate candidate) {
        if (!candidate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            candidate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the private key belongs to the CA certificate. */
    boolean keyMatches() {
        return KeyPairs.matches(certificate.getPublicKey(), privateKey);
    }

    /** Organizations first, then the common name: RFC 2253 prints it back as CN=...,O=... */
    static X500Name subject(CertSpec spec) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        spec.organizations().forEach(organization -> name.addRDN(BCStyle.O, organization));
        return name.addRDN(BCStyle.CN, spec.commonName()).build();
    }

    static GeneralNames generalNames(List<SubjectAltName> sans) {
        return new GeneralNames(sans.stream()
                .map(san -> new GeneralName(san.kind() == SubjectAltName.Kind.DNS ? GeneralName.dNSName
                        : GeneralName.iPAddress, san.value()))
                .toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer, PublicKey signerPublic)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(KeyPairs.signatureAlgorithm(signerPublic)).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A random positive serial of up to 127 bits, as RFC 5280 allows (at most 20 octets). */
    private static BigInteger serial(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] &= 0x7f;
        BigInteger serial = new BigInteger(bytes);
        return serial.signum() == 0 ? BigInteger.ONE : serial;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateAuthority ca && certificate.equals(ca.certificate)
                && Arrays.equals(privateKey.getEncoded(), ca.privateKey.getEncoded());
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "CA " + certificate.getSubjectX500Principal().getName();
    }
}
