package dev.lazarus.spi;

/**
 * Thrown by an injector to make a worker vanish as a killed process would: the attempt gets no verdict in
 * the journal, so the node must surface as a ghost, with the last lifecycle event it reached.
 */
public class WorkerVanished extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerVanished(String message) {
        super(message);
    }
}
