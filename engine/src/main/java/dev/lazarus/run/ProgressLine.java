package dev.lazarus.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The line that says how a run is going while nodes run: done/total, failures so far, in flight, throughput,
 * the error rate over the last finished nodes, and the slowest nodes still in flight, so a stuck run shows.
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
    private final AtomicInteger skipped = new AtomicInteger();
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    /** Outcomes of the last {@link #WINDOW} finished nodes, true for a failure. */
    private final ArrayDeque<Boolean> recent = new ArrayDeque<>();

    static final int WINDOW = 50;
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

    void nodeStarted(String ip) {
        started.incrementAndGet();
        inFlight.put(ip, System.nanoTime());
    }

    void nodeFinished(String ip, boolean success) {
        inFlight.remove(ip);
        done.incrementAndGet();
        if (!success) {
            failed.incrementAndGet();
        }
        synchronized (recent) {
            recent.addLast(!success);
            if (recent.size() > WINDOW) {
                recent.removeFirst();
            }
        }
    }

    /** A node that was never started (breaker open, run cancelled): done, without a slot. */
    void nodeSkipped() {
        skipped.incrementAndGet();
        done.incrementAndGet();
    }

    String line() {
        int d = done.get();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "[lazarus] %s: %d/%d done, %d failed, %d in flight, %.1f s, %.0f nodes/min",
                scenario,
                d,
                total,
                failed.get(),
                inFlight.size(),
                seconds,
                seconds > 0 ? (d - skipped.get()) * 60 / seconds : 0));
        if (skipped.get() > 0) {
            b.append(", ").append(skipped.get()).append(" skipped");
        }
        synchronized (recent) {
            if (!recent.isEmpty()) {
                long f = recent.stream().filter(x -> x).count();
                b.append(String.format(
                        Locale.ROOT, ", error rate %.0f%% of the last %d", 100.0 * f / recent.size(), recent.size()));
            }
        }
        long now = System.nanoTime();
        String slowest = inFlight.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(3)
                .map(e -> e.getKey() + " " + (now - e.getValue()) / 1_000_000_000L + " s")
                .collect(Collectors.joining(", "));
        if (!slowest.isEmpty()) {
            b.append("; slowest in flight: ").append(slowest);
        }
        return b.toString();
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
