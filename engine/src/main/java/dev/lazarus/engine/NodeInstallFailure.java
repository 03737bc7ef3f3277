package dev.lazarus.engine;

import org.opentest4j.AssertionFailedError;

/** A node whose final status is not {@code install_success}: the message says status, tags and command. */
public final class NodeInstallFailure extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    public NodeInstallFailure(String message) {
        super(message);
    }
}
