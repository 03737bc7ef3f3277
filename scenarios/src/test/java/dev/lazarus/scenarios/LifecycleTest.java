package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Watchdogs and SSH retries on the embedded fleet: nothing hangs, every node gets a verdict. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @Scenario(
            fleetSize = 3,
            commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    static class Install {}

    @Scenario(
            fleetSize = 2,
            commandTries = 1,
            commands = {"echo start", "sleep 1.5; echo late"})
    static class ShortSilence {}

    @TempDir
    Path out;

    private EngineExecutionResults run(Class<?> scenario, String... keyValues) {
        return Runs.execute(out, selectClass(scenario), keyValues);
    }

    private Path journal() throws IOException {
        return Runs.journal(out);
    }

    private RegistryEntry entryOf(String ip) throws IOException {
        return Runs.registry(out).finalEntryByIp().get(ip);
    }

    @Test
    void aNodeThatStallsForeverIsEndedByTheHarnessWatchdogWithItsStack() throws Exception {
        long start = System.nanoTime();
        EngineExecutionResults results = run(
                Install.class,
                "lazarus.embedded.behaviours",
                "2=stall@apt-get install",
                "lazarus.watchdog.timeout",
                "1h",
                "lazarus.attempt.timeout",
                "3s",
                "lazarus.resurrection.rounds",
                "0");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(seconds)
                .as("the run ends on time, not after the 1 h stream watchdog")
                .isLessThan(30);
        results.testEvents().assertStatistics(s -> s.succeeded(2 + 3).failed(1));
        RegistryEntry stalled = entryOf("127.0.1.2");
        assertThat(stalled.status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(stalled.tags()).contains("harness_watchdog", "attempt_bound_3s");
        assertThat(stalled.stackTrace()).contains("\tat ").contains("dev.lazarus.ssh.NodeSession.exec");
        assertThat(entryOf("127.0.1.1").status()).isEqualTo(Status.INSTALL_SUCCESS);
        long verdicts = JournalReader.read(journal()).events().stream()
                .filter(e -> e instanceof JournalEvent.AttemptFinished f
                        && f.publicIp().equals("127.0.1.2"))
                .count();
        assertThat(verdicts).as("one verdict, however late the worker returns").isEqualTo(1);
    }

    @Test
    void aSilenceShorterThanTheWatchdogIsNotAFailure() throws Exception {
        run(ShortSilence.class, "lazarus.watchdog.timeout", "3s");
        assertThat(entryOf("127.0.1.1").status()).isEqualTo(Status.INSTALL_SUCCESS);
        assertThat(entryOf("127.0.1.1").commands().get(1).durationMs()).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void aSilenceLongerThanTheWatchdogIsWatchdogTimeoutNamingCommandAndLength() throws Exception {
        run(ShortSilence.class, "lazarus.watchdog.timeout", "1s");
        RegistryEntry entry = entryOf("127.0.1.2");
        assertThat(entry.status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(entry.tags())
                .contains("watchdog_triggered", "stall_stdout_stderr", "stall_command_2", "stall_seconds_1");
        assertThat(entry.failingCommand()).isEqualTo("sleep 1.5; echo late");
    }

    @Test
    void aNodeThatNeverSendsABannerIsSshInitiatedFailedAfterEveryAttempt() throws Exception {
        run(
                Install.class,
                "lazarus.embedded.behaviours",
                "3=mute",
                "lazarus.ssh.auth-timeout",
                "1s",
                "lazarus.ssh.connect-attempts",
                "2");
        RegistryEntry entry = entryOf("127.0.1.3");
        assertThat(entry.status()).isEqualTo(Status.SSH_INITIATED_FAILED);
        assertThat(entry.tags()).contains("ssh_connect_stall", "watchdog_triggered", "ssh_attempts_2");
    }

    @Test
    void refusedConnectionsAreRetriedUpToTheLimitThenSshRetryFailed() throws Exception {
        run(Install.class, "lazarus.embedded.behaviours", "1=refuse");
        RegistryEntry entry = entryOf("127.0.1.1");
        assertThat(entry.status()).isEqualTo(Status.SSH_RETRY_FAILED);
        assertThat(entry.tags()).containsExactly("ssh_retry_failed", "ssh_attempts_5", "last_error_ConnectException");
        assertThat(entry.lastEvent()).isEqualTo("attempt_finished");
    }
}
