package dev.lazarus.ssh;

import java.time.Duration;

/**
 * Bounds of one node's SSH work.
 *
 * @param connectTimeout TCP connect timeout of one connect attempt
 * @param authTimeout bound on banner, key exchange, authentication and channel requests
 * @param connectAttempts connect attempts before {@code ssh_retry_failed}
 * @param backoffBase first pause between connect attempts; doubles each time, with jitter
 * @param permitWait longest wait for a handshake permit
 */
public record SshSettings(
        Duration connectTimeout,
        Duration authTimeout,
        int connectAttempts,
        Duration backoffBase,
        Duration permitWait) {}
