package dev.lazarus.run;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.ssh.HandshakePermits;
import dev.lazarus.ssh.QuietLogging;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.ssh.StreamWatchdog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;

/**
 * Runs the attempts of one pass: batch after batch, within a sliding window of attempts in flight, one worker per
 * node (a virtual thread on JDK 21+). Owns every thread of the pass (workers, stream drainers, the stream and harness
 * watchdogs, the progress line) and stops them before it returns; every wait is bounded by the attempts' hard bound.
 */
final class Dispatcher {

    /** sshj's DefaultConfig is costly to build and safe to share between clients; its log lines stay quiet. */
    private static final Config SSH_CONFIG = quiet(new DefaultConfig());

    private static Config quiet(Config config) {
        config.setLoggerFactory(QuietLogging.FACTORY);
        return config;
    }

    private final RunScope run;

    Dispatcher(RunScope run) {
        this.run = run;
    }

    /** Runs {@code planned} and returns when every attempt has ended (or was skipped). */
    void run(Pass pass, List<PlannedAttempt> planned) throws InterruptedException {
        ScenarioConfig config = run.config();
        Duration watchdog = run.watchdog().timeout();
        SshSettings ssh = new SshSettings(
                config.connectTimeout(),
                config.authTimeout(),
                config.connectAttempts(),
                config.connectBackoff(),
                Duration.ofMinutes(10));
        Duration attemptBound = config.attemptBound(watchdog);
        long waitMillis = attemptBound.toMillis() + 60_000;
        ExecutorService workers = Workers.perTask("lazarus-node");
        ExecutorService drainers = Workers.perTask("lazarus-drain");
        ScheduledExecutorService harnessWatchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazarus-harness-watchdog");
            t.setDaemon(true);
            return t;
        });
        boolean terminal = Terminal.interactive();
        Duration interval = config.progressInterval(terminal);
        try (StreamWatchdog streamWatchdog = new StreamWatchdog(watchdog);
                ProgressLine progress =
                        new ProgressLine(pass.label(config.name()), planned.size(), interval, System.out, terminal)) {
            AttemptEnvironment env = new AttemptEnvironment(
                    config,
                    run.journal(),
                    SSH_CONFIG,
                    ssh,
                    new HandshakePermits(config.handshakePermits()),
                    streamWatchdog,
                    drainers,
                    run.hooks(),
                    run.info(),
                    run.fleetIndex());
            PassCrew crew = new PassCrew(env, progress, harnessWatchdog, attemptBound);
            Semaphore window = new Semaphore(Math.min(config.concurrency(), planned.size()));
            CountDownLatch finished = new CountDownLatch(planned.size());
            int batchSize = config.batch().orElse(planned.size());
            for (int from = 0; from < planned.size(); from += batchSize) {
                List<PlannedAttempt> batch = planned.subList(from, Math.min(planned.size(), from + batchSize));
                CountDownLatch batchDone = new CountDownLatch(batch.size());
                for (PlannedAttempt p : batch) {
                    if (!window.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("no node finished within the attempt bound " + attemptBound);
                    }
                    run.listener().attemptPlanned(p);
                    NodeWorker worker = new NodeWorker(p, run, crew, () -> {
                        window.release();
                        finished.countDown();
                        batchDone.countDown();
                    });
                    Optional<Admission.Stop> stop = run.admission().stop();
                    if (stop.isPresent()) {
                        worker.skip(stop.get());
                    } else {
                        workers.execute(worker::work);
                    }
                }
                // the next batch starts when this one has ended (Ansible's serial)
                await(batchDone, waitMillis, "a batch still running " + waitMillis + " ms after its last node started");
            }
            await(finished, waitMillis, "nodes still running " + waitMillis + " ms after the last one started");
        } finally {
            harnessWatchdog.shutdownNow();
            workers.shutdownNow();
            drainers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
            drainers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch, long millis, String what) throws InterruptedException {
        if (!latch.await(millis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + ", past every attempt's hard bound: a harness bug");
        }
    }
}
