package dev.lazarus.ssh;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Accepts exactly the host key the control plane published for the node, and nothing else. There is
 * deliberately no accept-everything fallback: an unverifiable node fails its attempt.
 */
final class PublishedHostKeyVerifier implements HostKeyVerifier {

    private final PublicKey expected;

    PublishedHostKeyVerifier(PublicKey expected) {
        this.expected = expected;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        return key.getAlgorithm().equals(expected.getAlgorithm())
                && Arrays.equals(key.getEncoded(), expected.getEncoded());
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of(KeyType.fromKey(expected).toString());
    }
}
