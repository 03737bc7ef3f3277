package dev.lazarus.plugin;

import dev.lazarus.spi.RunObserver;
import java.util.ArrayList;
import java.util.List;

/** A run's enabled observers, called one at a time and in order; a failing observer never stops the others. */
public final class Observers {

    /** One call to an observer. */
    @FunctionalInterface
    public interface Call {
        void on(RunObserver observer) throws Exception;
    }

    private final List<RunObserver> observers;
    private final List<Throwable> failures = new ArrayList<>();

    public Observers(List<RunObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    public synchronized void each(Call call) {
        for (RunObserver observer : observers) {
            long start = System.nanoTime();
            try {
                call.on(observer);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (ms > 1_000) {
                    // a slow reporter is worth knowing about: it is part of every run's wall time
                    System.out.println("[lazarus] " + observer.getClass().getSimpleName() + " took " + ms + " ms");
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
