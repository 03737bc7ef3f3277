package dev.lazarus.spi;

/**
 * The points of one node attempt where an extension may act. A hook acts by throwing: a {@link SyntheticFailure} (or
 * any runtime exception) is a crash of the worker, {@link WorkerVanished} a worker that disappears without a verdict.
 * Hooks run on the node's worker thread; {@code attempt} is 1 for a node's first attempt.
 */
public interface NodeHooks {

    NodeHooks NONE = new NodeHooks() {};

    /** Before SSH connects. */
    default void beforeConnect(String publicIp, int attempt) {}

    /** After connect, before the first command. */
    default void afterConnect(String publicIp, int attempt) {}

    /** After command {@code index} (0-based) succeeded. */
    default void afterCommand(String publicIp, int attempt, int index) {}

    /** After the last command succeeded, before the success is recorded. */
    default void beforeSuccess(String publicIp, int attempt) {}
}
