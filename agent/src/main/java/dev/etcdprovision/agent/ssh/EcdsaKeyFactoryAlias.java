package dev.etcdprovision.agent.ssh;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * sshj asks the JCA for an "ECDSA" key factory (BouncyCastle's name) to read ECDSA keys: identity
 * files, host keys, known_hosts lines. The JDK has the same factory under the name "EC". This
 * provider, added last, answers "ECDSA" with the JDK's "EC", so ECDSA keys work without
 * registering BouncyCastle, whose start-up alone costs a fresh JVM about a quarter of a second.
 */
final class EcdsaKeyFactoryAlias extends Provider {
    private static final String NAME = "EtcdProvisionEcdsaAlias";

    private EcdsaKeyFactoryAlias() {
        super(NAME, "1.0", "KeyFactory.ECDSA as the JDK's EC key factory");
        putService(new Service(this, "KeyFactory", "ECDSA", Spi.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return new Spi();
            }
        });
    }

    /** Adds the alias unless some provider (BouncyCastle, or this one) already answers "ECDSA". */
    static synchronized void install() {
        try {
            KeyFactory.getInstance("ECDSA");
        } catch (NoSuchAlgorithmException missing) {
            Security.addProvider(new EcdsaKeyFactoryAlias());
        }
    }

    private static final class Spi extends KeyFactorySpi {
        private final KeyFactory ec;

        Spi() throws NoSuchAlgorithmException {
            ec = KeyFactory.getInstance("EC");
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePublic(spec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePrivate(spec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type) throws InvalidKeySpecException {
            return ec.getKeySpec(key, type);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return ec.translateKey(key);
        }
    }
}
