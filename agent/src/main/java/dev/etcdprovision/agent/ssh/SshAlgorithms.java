package dev.etcdprovision.agent.ssh;

import com.hierynomus.sshj.key.KeyAlgorithms;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.kex.DHGroups;
import com.hierynomus.sshj.transport.kex.ExtInfoClientFactory;
import com.hierynomus.sshj.transport.mac.Macs;
import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.ConfigImpl;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.compression.NoneCompression;
import net.schmizz.sshj.transport.kex.Curve25519SHA256;
import net.schmizz.sshj.transport.kex.ECDHNistP;
import net.schmizz.sshj.transport.random.JCERandom;
import net.schmizz.sshj.transport.random.SingletonRandomFactory;
import net.schmizz.sshj.userauth.keyprovider.OpenSSHKeyFile;
import net.schmizz.sshj.userauth.keyprovider.PKCS8KeyFile;

/**
 * The algorithms the tool offers, modern ones first: curve25519 key exchange, ed25519 host keys,
 * AES-GCM. A short list keeps connecting cheap: sshj's default configuration test-initializes some
 * thirty ciphers on every construction. The list still meets every OpenSSH since 6.5.
 */
final class SshAlgorithms {
    private SshAlgorithms() {}

    static Config config() {
        // Crypto through the JDK's providers, whose AES-GCM and SHA use the CPU's instructions:
        // with BouncyCastle registered, sshj would route everything through its pure-Java code,
        // and BouncyCastle's registration alone costs a fresh JVM noticeable time.
        SecurityUtils.setRegisterBouncyCastle(false);
        EcdsaKeyFactoryAlias.install();
        ConfigImpl config = new ConfigImpl();
        config.setLoggerFactory(LoggerFactory.DEFAULT);
        config.setVersion("etcd_provision");
        config.setKeyExchangeFactories(
                new Curve25519SHA256.Factory(),
                new Curve25519SHA256.FactoryLibSsh(),
                new ECDHNistP.Factory256(),
                new ECDHNistP.Factory384(),
                DHGroups.Group14SHA256(),
                DHGroups.Group16SHA512(),
                new ExtInfoClientFactory());
        config.setKeyAlgorithms(List.of(
                KeyAlgorithms.EdDSA25519(),
                KeyAlgorithms.ECDSASHANistp256(),
                KeyAlgorithms.ECDSASHANistp384(),
                KeyAlgorithms.ECDSASHANistp521(),
                KeyAlgorithms.RSASHA512(),
                KeyAlgorithms.RSASHA256()));
        config.setCipherFactories(
                BlockCiphers.AES128CTR(),
                BlockCiphers.AES256CTR(),
                GcmCiphers.AES128GCM(),
                GcmCiphers.AES256GCM(),
                ChachaPolyCiphers.CHACHA_POLY_OPENSSH());
        config.setMACFactories(
                Macs.HMACSHA2512Etm(),
                Macs.HMACSHA2256Etm(),
                Macs.HMACSHA2512(),
                Macs.HMACSHA2256());
        config.setCompressionFactories(new NoneCompression.Factory());
        config.setRandomFactory(new SingletonRandomFactory(new JCERandom.Factory()));
        config.setFileKeyProviderFactories(
                new OpenSSHKeyV1KeyFile.Factory(),
                new PKCS8KeyFile.Factory(),
                new OpenSSHKeyFile.Factory());
        config.setKeepAliveProvider(KeepAliveProvider.HEARTBEAT);
        return config;
    }
}
