package dev.lazarus.plugin;

import dev.lazarus.spi.RunObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A run's enabled observers, called one at a time and in order; a failing observer never stops the others. A call
 * slower than {@link #SLOW_MILLIS} is told to {@code notices} (once per observer and moment), since it is part of the
 * run's wall time: the run's end waits for it, and so does every node worker whose attempt ends meanwhile.
 */
public final class Observers {

    /** A call that takes longer than this (in milliseconds) is worth a notice. */
    public static final long SLOW_MILLIS = 1_000;

    /** One call to an observer. */
    @FunctionalInterface
    public interface Call {
        void on(RunObserver observer) throws Exception;
    }

    private final List<RunObserver> observers;
    private final Consumer<String> notices;
    private final LongSupplier nanoTime;
    private final List<Throwable> failures = new ArrayList<>();
    private final Set<String> noticed = new HashSet<>();

    /**
     * @param notices where a slow call is told, one line each (the console when the progress line is on, else
     *     nowhere)
     */
    public Observers(List<RunObserver> observers, Consumer<String> notices) {
        this(observers, notices, System::nanoTime);
    }

    /** With {@code nanoTime} as the clock calls are timed by. */
    Observers(List<RunObserver> observers, Consumer<String> notices, LongSupplier nanoTime) {
        this.observers = List.copyOf(observers);
        this.notices = notices;
        this.nanoTime = nanoTime;
    }

    /**
     * Calls each observer.
     *
     * @param when the moment of the run, as a notice says it: {@code at the end of the run}
     */
    public synchronized void each(String when, Call call) {
        for (RunObserver observer : observers) {
            long start = nanoTime.getAsLong();
            try {
                call.on(observer);
                long ms = (nanoTime.getAsLong() - start) / 1_000_000;
                if (ms > SLOW_MILLIS && noticed.add(observer.id() + " " + when)) {
                    notices.accept(String.format(
                            Locale.ROOT, "[lazarus] %s took %.1f s %s", observer.activity(), ms / 1000.0, when));
                }
            } catch (Exception | LinkageError e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // the run is being stopped: the next wait sees it
                }
                failures.add(new IllegalStateException(observer.getClass().getName() + " failed: " + e, e));
            }
        }
    }

    /** What failed so far, one exception per failed call. */
    public synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }
}
