package dev.lazarus.reports.allure;

import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The results of a run written as its attempts finish, by one background thread, so a node worker never waits for
 * files: owned here, stopped by {@link #stop()} at the run's end, and gone by itself after a minute idle if the run
 * never gets there.
 */
final class EarlyResults {

    /** How long the results of the finished attempts may take to reach the disk once the run has ended. */
    static final long WRITE_BOUND_MINUTES = 10;

    /** An attempt's result as it was written: the entry it shows, its files, whether its lineage link is in. */
    record Written(RegistryEntry entry, List<String> files, boolean linked) {}

    private final RunContext run;
    private final ResultFiles out;
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writer =
            new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "lazarus-allure-writer");
                t.setDaemon(true);
                return t;
            });
    private volatile Exception failure;
    /** Set when the run stops waiting for this writer: what is still queued is not written. */
    private volatile boolean abandoned;

    EarlyResults(RunContext run, ResultFiles out) {
        this.run = run;
        this.out = out;
    }

    String runId() {
        return run.runId();
    }

    ResultFiles out() {
        return out;
    }

    void write(RegistryEntry entry, AttemptTimeline timeline) {
        writer.execute(() -> {
            if (abandoned) {
                return;
            }
            try {
                List<String> files = new AttemptResult(run, out)
                        .write(
                                entry,
                                timeline,
                                id -> {
                                    Written w = written.get(id);
                                    return w == null ? null : w.entry();
                                },
                                List.of("ghost"));
                // the attempt this one resurrected is unknown here when it never finished (a ghost): no link yet
                boolean linked = entry.previousAttemptId() == null || written.containsKey(entry.previousAttemptId());
                written.put(entry.attemptId(), new Written(entry, files, linked));
            } catch (RuntimeException e) {
                failure = e;
            }
        });
    }

    /** Lets the writer finish the result in hand and drop the rest, without waiting for it. */
    void abandon() {
        abandoned = true;
        writer.shutdown();
    }

    /**
     * Waits for the queued results (bounded) and returns what was written; empty when they did not reach the disk in
     * time: the run's end then writes every result again into an emptied folder. The writer is not interrupted (a
     * result cut mid-file would be left behind), only told to drop what it has not begun.
     */
    Optional<Map<String, Written>> stop() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(WRITE_BOUND_MINUTES, TimeUnit.MINUTES)) {
            abandon();
            boolean idle = writer.awaitTermination(1, TimeUnit.MINUTES);
            System.out.println("[lazarus] the Allure results of the finished attempts were not written within "
                    + WRITE_BOUND_MINUTES + " minutes" + (idle ? "" : " (the writer is still busy with one)")
                    + "; the end of the run writes them all again");
            return Optional.empty();
        }
        if (failure != null) {
            // not lost: an attempt without an early result is written by the end of the run, which fails loudly
            System.out.println("[lazarus] an Allure result written during the run failed (" + failure
                    + "); the end of the run writes it again");
        }
        return Optional.of(written);
    }
}
