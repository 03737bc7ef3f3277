package dev.lazarus.extension;

/**
 * Callbacks at the seed's four crash sites of a node attempt. A hook acts by throwing: a
 * {@link SyntheticFailure} (or any runtime exception) is a worker crash, {@link WorkerVanished} a worker
 * that disappears without a verdict.
 */
public interface NodeHooks {

    NodeHooks NONE = new NodeHooks() {};

    /** Before SSH (the seed's {@code FORCE_TOMCAT_FAIL_PRE_SSH}). */
    default void beforeConnect(String publicIp, int attempt) {}

    /** After connect, before the first command ({@code FORCE_TOMCAT_FAIL}). */
    default void afterConnect(String publicIp, int attempt) {}

    /** After command {@code index} succeeded ({@code FORCE_TOMCAT_FAIL_IDX1} is index 0). */
    default void afterCommand(String publicIp, int attempt, int index) {}

    /** After the last command, before success is recorded ({@code FORCE_TOMCAT_FAIL_POSTINSTALL}). */
    default void beforeSuccess(String publicIp, int attempt) {}
}
