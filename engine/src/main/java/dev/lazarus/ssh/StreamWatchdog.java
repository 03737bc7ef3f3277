package dev.lazarus.ssh;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ticking thread that watches every running command of a run: when no byte arrived on any of a
 * command's streams for the watchdog timeout, it fires the command's stall action (which closes the
 * connection, so the blocked reader returns). Owned by the run; {@link #close()} stops the thread.
 */
public final class StreamWatchdog implements AutoCloseable {

    private final Duration timeout;
    private final ScheduledExecutorService ticker;
    private final Set<Watch> active = ConcurrentHashMap.newKeySet();

    public StreamWatchdog(Duration timeout) {
        this.timeout = timeout;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazarus-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
        long tickMillis = Math.max(20, Math.min(500, timeout.toMillis() / 10));
        ticker.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    public Duration timeout() {
        return timeout;
    }

    Watch watch(StreamTail out, StreamTail err, Runnable onStall) {
        Watch w = new Watch(out, err, onStall);
        active.add(w);
        return w;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watch w : active) {
            if (now - w.lastByteNanos() > timeout.toNanos() && w.fired.compareAndSet(false, true)) {
                w.silentNanos = now - w.lastByteNanos();
                active.remove(w);
                try {
                    w.onStall.run();
                } catch (RuntimeException e) {
                    // the stall is recorded on the watch; closing a dead connection may throw, which changes nothing
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        active.clear();
    }

    /** One watched command. */
    final class Watch implements AutoCloseable {
        private final StreamTail out;
        private final StreamTail err;
        private final Runnable onStall;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile long silentNanos;

        Watch(StreamTail out, StreamTail err, Runnable onStall) {
            this.out = out;
            this.err = err;
            this.onStall = onStall;
        }

        long lastByteNanos() {
            return Math.max(out.lastByteNanos(), err.lastByteNanos());
        }

        boolean fired() {
            return fired.get();
        }

        Duration silence() {
            return Duration.ofNanos(silentNanos);
        }

        @Override
        public void close() {
            active.remove(this);
        }
    }
}
