package dev.etcdprovision.controller.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The key type of every certificate the PKI issues, as the inventory names it. */
public enum KeyAlgorithm {
    @JsonProperty("ecdsa-p256") ECDSA_P256("ecdsa-p256"),
    @JsonProperty("rsa-2048") RSA_2048("rsa-2048"),
    @JsonProperty("rsa-4096") RSA_4096("rsa-4096");

    private final String inventoryName;

    KeyAlgorithm(String inventoryName) {
        this.inventoryName = inventoryName;
    }

    /** The name as written in the inventory, e.g. {@code ecdsa-p256}. */
    @Override
    public String toString() {
        return inventoryName;
    }
}
