package dev.lazarus.engine;

import dev.lazarus.run.Cancellation;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.CancellationToken;

/**
 * What cancels one run: the launcher's cancellation (an IDE's stop button, {@code --fail-fast}, Surefire's
 * {@code skipAfterFailureCount}), and what the launcher cannot see, a signal or the JVM shutting down (a first signal
 * cancels the launcher's token too, so the rest of the test run stops as well). JUnit's token can only be asked, so
 * one daemon thread, owned here and stopped by {@link #close()}, asks it every {@value #POLL_MILLIS} ms while the run
 * goes.
 */
final class LauncherCancellation implements AutoCloseable {

    static final long POLL_MILLIS = 100;

    private final Cancellation run;
    private final ScheduledExecutorService poller;

    private LauncherCancellation(Cancellation run, ScheduledExecutorService poller) {
        this.run = run;
        this.poller = poller;
    }

    /** @param bound how long a JVM shutting down waits for the run to write its end */
    static LauncherCancellation watch(CancellationToken token, Duration bound) {
        Cancellation run = new Cancellation().watchJvm(bound, token::cancel);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazarus-launcher-cancellation");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(
                () -> {
                    if (token.isCancellationRequested() && !run.cancelled()) {
                        System.err.println("[lazarus] the launcher cancelled the run: nodes in flight get interrupted "
                                + "verdicts, the journal and reports are still written");
                        run.cancel("the run was cancelled by the launcher");
                    }
                },
                0,
                POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        return new LauncherCancellation(run, poller);
    }

    /** The run's cancellation. */
    Cancellation run() {
        return run;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        run.close();
    }
}
