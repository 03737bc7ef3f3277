package dev.lazarus.run;

import dev.lazarus.spi.Node;

/**
 * One attempt to run: the node, its attempt number, the attempt it resurrects (null for a first attempt), and the
 * pass it belongs to.
 */
public record PlannedAttempt(Node node, int attempt, String previousAttemptId, Pass pass) {

    public String ip() {
        return node.publicIp();
    }
}
