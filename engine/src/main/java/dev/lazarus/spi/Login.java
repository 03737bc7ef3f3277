package dev.lazarus.spi;

import java.security.KeyPair;
import java.util.Objects;

/** How the harness logs in to a node: a user and a key pair. Its text form never shows the key. */
public record Login(String user, KeyPair keyPair) {

    public Login {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyPair, "keyPair");
    }

    @Override
    public String toString() {
        return "Login[user=" + user + ", key=" + keyPair.getPublic().getAlgorithm() + " (redacted)]";
    }
}
