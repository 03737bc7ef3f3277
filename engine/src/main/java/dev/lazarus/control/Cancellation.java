package dev.lazarus.control;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a run from outside (Ctrl-C or SIGTERM in CI, an IDE's stop button, Surefire's timeout): a JVM
 * shutdown hook marks the run cancelled, ends every attempt in flight (its node gets an {@code interrupted}
 * verdict), and waits, within a bound, for the run to write its journal's end and its reports. A second
 * signal while that is under way halts the JVM at once ({@link Signals}). Registered for one run and removed
 * when it ends.
 */
public final class Cancellation implements AutoCloseable {

    /** Something in flight that a cancellation must end at once. */
    public interface InFlight {
        void cancel(String reason);
    }

    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final CountDownLatch runEnded = new CountDownLatch(1);
    private final Duration bound;
    private final Thread hook;
    private volatile Runnable restoreSignals = () -> {};
    private volatile String reason;

    private Cancellation(Duration bound) {
        this.bound = bound;
        this.hook = new Thread(this::onShutdown, "lazarus-cancel");
    }

    /** Watches for the JVM's shutdown while a run is going. */
    public static Cancellation watch(Duration bound) {
        Cancellation c = new Cancellation(bound);
        Runtime.getRuntime().addShutdownHook(c.hook);
        c.restoreSignals = Signals.install(Signals.forJvm()); // a second Ctrl-C or SIGTERM halts at once
        return c;
    }

    /** Not watching the JVM: cancelled only through {@link #cancel(String)} (tests, embedding tools). */
    public static Cancellation manual() {
        return new Cancellation(Duration.ZERO);
    }

    private void onShutdown() {
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

    public void cancel(String why) {
        if (reason == null) {
            reason = why;
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
        restoreSignals.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already (the hook is running), or a manual cancellation never registered one
        }
    }
}
