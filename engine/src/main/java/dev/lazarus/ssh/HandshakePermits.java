package dev.lazarus.ssh;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the SSH handshakes (connect, key exchange, auth) in flight at once. Thousands of concurrent
 * handshakes on two cores make each take tens of seconds and time out; commands are not limited.
 */
public final class HandshakePermits {

    private final Semaphore permits;

    public HandshakePermits(int permits) {
        this.permits = new Semaphore(permits, true);
    }

    boolean acquire(Duration wait) throws InterruptedException {
        return permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void release() {
        permits.release();
    }
}
