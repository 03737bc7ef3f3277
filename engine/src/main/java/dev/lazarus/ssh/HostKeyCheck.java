package dev.lazarus.ssh;

import dev.lazarus.spi.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies a node's host key against what its control plane published, or else its known_hosts file, and remembers
 * why it refused one: a host the file has no entry for ({@link Problem#UNKNOWN}) is not a key that changed
 * ({@link Problem#CHANGED}, possibly a man in the middle). Neither is a network failure, and no retry changes
 * either. There is no accept-everything fallback.
 */
final class HostKeyCheck implements HostKeyVerifier {

    /** Where a known_hosts file is named, for the messages (the control planes that publish keys need none). */
    static final String KNOWN_HOSTS_PARAMETER = "lazarus.inventory.known-hosts";

    /** Why a key was refused. */
    enum Problem {
        UNKNOWN,
        CHANGED
    }

    /** A refused key: the problem and the message that says what to do about it. */
    record Refusal(Problem problem, String message) {}

    private final Node node;
    /** The known_hosts file's verifier; null when the control plane published the key. */
    private final HostKeyVerifier knownHosts;

    private volatile Refusal refusal;

    private HostKeyCheck(Node node) throws IOException {
        this.node = node;
        this.knownHosts = node.publishedHostKey().isPresent() ? null : knownHosts(node.knownHostsFile());
    }

    static HostKeyCheck of(Node node) throws IOException {
        return new HostKeyCheck(node);
    }

    /** Why the last key offered was refused, if it was. */
    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        if (knownHosts != null) {
            return knownHosts.verify(hostname, port, key);
        }
        PublicKey published = node.publishedHostKey().orElseThrow();
        if (key.getAlgorithm().equals(published.getAlgorithm())
                && Arrays.equals(key.getEncoded(), published.getEncoded())) {
            return true;
        }
        refusal = new Refusal(
                Problem.CHANGED,
                "the host key of " + node.publicIp() + " is not the one its control plane published: it offered "
                        + describe(key) + ", the control plane published " + describe(published)
                        + " (possible man in the middle)");
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        if (knownHosts != null) {
            return knownHosts.findExistingAlgorithms(hostname, port);
        }
        return List.of(KeyType.fromKey(node.publishedHostKey().orElseThrow()).toString());
    }

    private HostKeyVerifier knownHosts(Path file) throws IOException {
        return new OpenSSHKnownHosts(file.toFile(), QuietLogging.FACTORY) {
            @Override
            protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
                refused(new Refusal(
                        Problem.UNKNOWN,
                        "the host key of " + node.publicIp() + " is unknown: " + file + " (" + KNOWN_HOSTS_PARAMETER
                                + ") has no entry for it; it offered " + describe(key) + ". If that is its key, "
                                + "add this line: " + knownHostsLine(key)));
                return false;
            }

            @Override
            protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
                refused(new Refusal(
                        Problem.CHANGED,
                        "the host key of " + node.publicIp() + " has changed: it offered " + describe(key)
                                + ", which does not match its entry in " + file + " (" + KNOWN_HOSTS_PARAMETER
                                + "); possible man in the middle. If the host was reinstalled, replace its entry"));
                return false;
            }
        };
    }

    private void refused(Refusal r) {
        this.refusal = r;
    }

    /** The line known_hosts needs for the node: {@code [ip]:port} when the port is not 22. */
    private String knownHostsLine(PublicKey key) {
        String host = node.sshPort() == 22 ? node.publicIp() : "[" + node.publicIp() + "]:" + node.sshPort();
        return host + " " + KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob(key));
    }

    /** {@code ssh-ed25519 SHA256:…}, as {@code ssh-keygen -l} shows a key. */
    static String describe(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return KeyType.fromKey(key) + " SHA256:"
                    + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
