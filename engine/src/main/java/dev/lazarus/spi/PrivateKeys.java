package dev.lazarus.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/** Loads an SSH private key file (OpenSSH, PEM, PuTTY: whatever sshj reads) into a key pair for a {@link Login}. */
public final class PrivateKeys {

    private PrivateKeys() {}

    /** @param parameter the parameter that named the file, for the error message */
    public static KeyPair load(Path file, String parameter) {
        try (SSHClient loader = new SSHClient()) {
            KeyProvider provider = loader.loadKeys(file.toString());
            return new KeyPair(provider.getPublic(), provider.getPrivate());
        } catch (IOException e) {
            throw new LazarusConfigurationException(
                    parameter + ": cannot load the private key " + file + ": " + e.getMessage(), e);
        }
    }
}
