package dev.lazarus.execution;

import dev.lazarus.extension.RunObserver;
import java.util.ArrayList;
import java.util.List;

/** The run observers on the class path, called one at a time; a failing observer never stops the others. */
final class Observers {

    interface Call {
        void on(RunObserver observer) throws Exception;
    }

    private final List<RunObserver> observers;
    private final List<Throwable> failures = new ArrayList<>();

    private Observers(List<RunObserver> observers) {
        this.observers = observers;
    }

    static Observers load(ClassLoader loader) {
        return new Observers(RunObserver.load(loader));
    }

    synchronized void each(Call call) {
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

    synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }
}
