package dev.etcdprovision.controller.pki;

/**
 * The PKI folder is in a state that must not be repaired automatically (e.g. certificates
 * without their CA key). The message says what is wrong and what to do; it never holds key material.
 */
public final class PkiException extends Exception {
    public PkiException(String message) {
        super(message);
    }
}
