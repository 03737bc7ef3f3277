package dev.lazarus.execution;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The line that says how a run is going while nodes run: done/total, failures so far, in flight.
 * On a terminal it rewrites itself; in a CI log it prints a plain line per interval (no carriage-return
 * animation). Owned by the run, which stops it.
 */
final class ProgressLine implements AutoCloseable {

    private final String scenario;
    private final int total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ScheduledExecutorService ticker;

    ProgressLine(String scenario, int total, Duration interval, PrintStream out, boolean terminal) {
        this.scenario = scenario;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        if (interval.isZero()) {
            ticker = null;
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazarus-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void nodeStarted() {
        started.incrementAndGet();
    }

    void nodeFinished(boolean success) {
        done.incrementAndGet();
        if (!success) {
            failed.incrementAndGet();
        }
    }

    String line() {
        int d = done.get();
        return String.format(Locale.ROOT, "[lazarus] %s: %d/%d done, %d failed, %d in flight, %.1f s", scenario, d,
                total, failed.get(), Math.max(0, started.get() - d), (System.nanoTime() - startNanos) / 1e9);
    }

    private void print() {
        if (terminal) {
            out.print("\r" + line());
        } else {
            out.println(line());
        }
        out.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            if (terminal) {
                out.println();
            }
        }
    }
}
