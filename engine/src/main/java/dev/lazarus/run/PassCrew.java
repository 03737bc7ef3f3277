package dev.lazarus.run;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the workers of one pass share: the attempt environment, the progress line, the harness watchdog's thread,
 * and the hard bound of one attempt. Owned by the {@link Dispatcher} of the pass, which stops its threads.
 */
record PassCrew(
        AttemptEnvironment env,
        ProgressLine progress,
        ScheduledExecutorService harnessWatchdog,
        Duration attemptBound) {}
