package dev.lazarus.engine;

import org.opentest4j.TestAbortedException;

/**
 * Why a failed attempt's test is aborted rather than failed: the gatekeeper gave its node another attempt,
 * and the node's verdict is that later attempt's. The failure stays attached as the cause.
 */
public final class AttemptSuperseded extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    AttemptSuperseded(String message, Throwable failure) {
        super(message, failure);
    }
}
