package dev.etcdprovision.controller.cluster;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import javax.net.ssl.SSLException;

/**
 * The client side of etcd's mutual TLS: the cluster CA to trust, and a client certificate and
 * its PKCS#8 private key (PEM). The key is never printed: not by toString, not in errors.
 */
public final class ClientTls {
    private final byte[] caCertificatePem;
    private final byte[] certificatePem;
    private final byte[] privateKeyPem;

    public ClientTls(byte[] caCertificatePem, byte[] certificatePem, byte[] privateKeyPem) {
        this.caCertificatePem = caCertificatePem.clone();
        this.certificatePem = certificatePem.clone();
        this.privateKeyPem = privateKeyPem.clone();
    }

    SslContext sslContext() {
        try {
            return GrpcSslContexts.forClient()
                    .trustManager(new ByteArrayInputStream(caCertificatePem))
                    .keyManager(new ByteArrayInputStream(certificatePem), new ByteArrayInputStream(privateKeyPem))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new MembershipException("cannot use the client certificate for etcd: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClientTls[certificate and key, not shown]";
    }
}
