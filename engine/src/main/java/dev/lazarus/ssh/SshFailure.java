package dev.lazarus.ssh;

import java.util.Optional;

/**
 * How SSH ended an attempt, as facts: what went wrong, after how many connect attempts, and the last error. What
 * status and tags that gives the node is the verdict package's call, not this one's.
 */
public final class SshFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Every connect attempt was refused or timed out before the SSH transport began. */
        UNREACHABLE,
        /** No handshake permit came within its bound (too many handshakes in flight). */
        NO_HANDSHAKE_PERMIT,
        /** The TCP connection was made, but banner, key exchange or authentication never completed. */
        HANDSHAKE_STALLED,
        /** The node refused the login. */
        AUTH_REJECTED,
        /** The node's host key has no entry in the known_hosts file. */
        HOST_KEY_UNKNOWN,
        /** The node's host key is not the one its known_hosts entry or its control plane says: maybe a man in the middle. */
        HOST_KEY_CHANGED,
        /** The connection dropped while a command ran. */
        CONNECTION_DROPPED
    }

    private final Kind kind;
    private final int connectAttempts;
    private final boolean timedOut;

    SshFailure(Kind kind, int connectAttempts, boolean timedOut, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.connectAttempts = connectAttempts;
        this.timedOut = timedOut;
    }

    public Kind kind() {
        return kind;
    }

    /** Connect attempts made (0 when the failure came after connecting). */
    public int connectAttempts() {
        return connectAttempts;
    }

    /** Whether the last error was a timeout (a stalled handshake rather than a refused one). */
    public boolean timedOut() {
        return timedOut;
    }

    /** The simple class name of the last underlying error, if there was one. */
    public Optional<String> lastError() {
        return Optional.ofNullable(getCause()).map(c -> c.getClass().getSimpleName());
    }
}
