package dev.lazarus.run;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a run from outside: the launcher's cancellation (an IDE's stop button, fail-fast), SIGTERM or Ctrl-C in
 * CI, or the JVM shutting down. Whatever the source, the run is marked cancelled, every attempt in flight ends at
 * once (its node gets an {@code interrupted} verdict), nodes not started are skipped, and the run still writes its
 * journal's end and its reports.
 *
 * <p>{@link #watchJvm} covers what the launcher cannot see: the first SIGTERM or SIGINT cancels the run (and calls
 * back, so the launcher stops the rest too) without exiting; a second one halts at once ({@link Signals}); a JVM
 * shutting down for another reason waits, within a bound, for the run to write its end. Registered for one run and
 * removed when it ends.
 */
public final class Cancellation implements AutoCloseable {

    /** Something in flight that a cancellation must end at once. */
    public interface InFlight {
        void cancel(String reason);
    }

    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final CountDownLatch runEnded = new CountDownLatch(1);
    private volatile Runnable unwatch = () -> {};
    private volatile String reason;

    /** A cancellation that only {@link #cancel(String)} triggers. */
    public Cancellation() {}

    /**
     * Also cancels the run on SIGTERM or SIGINT (then {@code onSignal} runs too) and on the JVM's shutdown, which
     * waits up to {@code bound} for the run to write its end. Undone by {@link #close()}.
     */
    public Cancellation watchJvm(Duration bound, Runnable onSignal) {
        Thread hook = new Thread(() -> onShutdown(bound), "lazarus-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable restoreSignals = Signals.install(new Signals.Policy(
                signal -> {
                    System.err.println("[lazarus] " + signal + ": cancelling the run; nodes in flight get interrupted "
                            + "verdicts, the journal and reports are still written (a second signal halts at once)");
                    cancel("the run was cancelled (" + signal + ")");
                    onSignal.run();
                },
                status -> Runtime.getRuntime().halt(status)));
        unwatch = () -> {
            restoreSignals.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook is running and waits for this run's end
            }
        };
        return this;
    }

    private void onShutdown(Duration bound) {
        System.err.println("[lazarus] the JVM is shutting down: cancelling the run (bounded by " + bound.toSeconds()
                + " s); nodes in flight get interrupted verdicts, the journal and reports are still written");
        cancel("the run was cancelled (the JVM is shutting down)");
        try {
            if (!runEnded.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("[lazarus] the run did not end within " + bound.toSeconds() + " s of the cancel; "
                        + "its journal is readable and the report command rebuilds the rest");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels the run: attempts in flight end now; the first reason given is kept. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
        for (InFlight f : inFlight) {
            f.cancel(why);
        }
    }

    public boolean cancelled() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** An attempt started; if the run is already cancelled it is ended at once. */
    public void started(InFlight f) {
        inFlight.add(f);
        if (cancelled()) {
            f.cancel(reason);
        }
    }

    public void finished(InFlight f) {
        inFlight.remove(f);
    }

    /** The run has written everything it will: a shutdown waiting on it may proceed. */
    @Override
    public void close() {
        runEnded.countDown();
        unwatch.run();
    }
}
