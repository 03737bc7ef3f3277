package dev.lazarus.spi;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of the fleet as the control plane named it. The public IP is its identity in the gold list,
 * the journal and every verdict.
 *
 * @param publicIp the address the harness connects to, and the node's identity
 * @param privateIp the node's address inside its network (may equal the public IP)
 * @param instanceId the control plane's id for the node (EC2 instance id, inventory line, embedded index)
 * @param sshPort the SSH port
 * @param login how to log in
 * @param hostKey the host key the control plane published for this node, if it did; otherwise the
 *     session verifies against {@code knownHosts}
 * @param knownHosts the OpenSSH known_hosts file to verify against when no key was published; null for
 *     {@code ~/.ssh/known_hosts}
 */
public record Node(
        String publicIp,
        String privateIp,
        String instanceId,
        int sshPort,
        Login login,
        PublicKey hostKey,
        Path knownHosts) {

    public Node {
        Objects.requireNonNull(publicIp, "publicIp");
        Objects.requireNonNull(login, "login");
    }

    /** A node whose host key the control plane published. */
    public Node(String publicIp, String privateIp, String instanceId, int sshPort, Login login, PublicKey hostKey) {
        this(publicIp, privateIp, instanceId, sshPort, login, hostKey, null);
    }

    public Path knownHostsFile() {
        return knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    public Optional<PublicKey> publishedHostKey() {
        return Optional.ofNullable(hostKey);
    }

    @Override
    public String toString() {
        return "Node[" + publicIp + ":" + sshPort + ", " + instanceId + "]";
    }
}
