package dev.lazarus.controlplane;

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
 *     session verifies against known_hosts
 */
public record Node(String publicIp, String privateIp, String instanceId, int sshPort, Login login,
        PublicKey hostKey) {

    public Node {
        Objects.requireNonNull(publicIp, "publicIp");
        Objects.requireNonNull(login, "login");
    }

    public Optional<PublicKey> publishedHostKey() {
        return Optional.ofNullable(hostKey);
    }

    @Override
    public String toString() {
        return "Node[" + publicIp + ":" + sshPort + ", " + instanceId + "]";
    }
}
