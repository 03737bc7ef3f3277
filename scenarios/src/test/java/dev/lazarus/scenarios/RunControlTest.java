package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Concurrency windows, batches and the error budget, read back from the journal and the JUnit events. */
class RunControlTest {

    @Scenario(
            fleetSize = 200,
            commandTries = 1,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    static class TwoHundred {}

    @Scenario(
            fleetSize = 30,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    static class Thirty {}

    @TempDir
    Path out;

    @Test
    void theBreakerTripsSkipsTheRestWithReasonsAndKeepsTheInvariant() throws Exception {
        EngineExecutionResults results = Runs.execute(
                out,
                selectClass(TwoHundred.class),
                "lazarus.inject.STDERR_FAILURE",
                "30%",
                "lazarus.inject.seed",
                "3",
                "lazarus.max-failures",
                "10%",
                "lazarus.concurrency",
                "10%");

        List<JournalEvent> events = Runs.events(out);
        List<JournalEvent.BreakerTripped> tripped = events.stream()
                .filter(JournalEvent.BreakerTripped.class::isInstance)
                .map(JournalEvent.BreakerTripped.class::cast)
                .toList();
        assertThat(tripped).singleElement().satisfies(t -> {
            assertThat(t.failures()).isEqualTo(21);
            assertThat(t.allowed()).isEqualTo(20);
            assertThat(t.setting()).isEqualTo("lazarus.max-failures=10% = 20 of 200");
        });
        // no attempt starts after the trip (skipped entries are journaled by run control, not started)
        int trip = events.indexOf(tripped.get(0));
        assertThat(events.subList(trip, events.size()))
                .filteredOn(JournalEvent.AttemptStarted.class::isInstance)
                .map(e -> (JournalEvent.AttemptStarted) e)
                .allSatisfy(s -> assertThat(s.thread()).isEqualTo("run-control"));

        Registry registry = Runs.registry(out);
        FleetAssessment a = Monitor.assess(registry);
        assertThat(a.invariantHolds()).as(a.arithmetic()).isTrue();
        assertThat(a.ghosts()).isEmpty();
        assertThat(a.finalEntryByIp()).hasSize(200);
        List<RegistryEntry> skipped = a.finalEntryByIp().values().stream()
                .filter(e -> e.status() == Status.SKIPPED)
                .toList();
        assertThat(skipped).isNotEmpty().allSatisfy(e -> {
            assertThat(e.tags()).containsExactly("skipped", "circuit_open");
            assertThat(e.message()).startsWith("error budget exceeded after").contains("lazarus.max-failures=10%");
        });
        // JUnit: every skipped node is an aborted test with the reason
        results.testEvents().assertStatistics(s -> s.aborted(skipped.size()));
        results.testEvents().aborted().stream()
                .forEach(e -> assertThat(e.getPayload(TestExecutionResult.class)
                                .orElseThrow()
                                .getThrowable()
                                .orElseThrow()
                                .getMessage())
                        .startsWith("skipped: error budget exceeded after"));
        assertThat(events).noneMatch(JournalEvent.GatekeeperDecision.class::isInstance);
    }

    @Test
    void batchesRunOneAfterAnotherAndTheWindowIsNeverExceeded() throws Exception {
        Runs.execute(out, selectClass(Thirty.class), "lazarus.batch", "10", "lazarus.concurrency", "4");

        List<JournalEvent> events = Runs.events(out);
        int inFlight = 0;
        int most = 0;
        Map<String, Integer> batchOf = new HashMap<>();
        List<String> gold = Runs.registry(out).goldIps();
        for (int i = 0; i < gold.size(); i++) {
            batchOf.put(gold.get(i), i / 10);
        }
        int finishedOfBatch = 0;
        int currentBatch = 0;
        Map<String, String> ipOfThread = new HashMap<>();
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.AttemptStarted s) {
                inFlight++;
                most = Math.max(most, inFlight);
                ipOfThread.put(s.attemptId(), s.publicIp());
                int batch = batchOf.get(s.publicIp());
                assertThat(batch)
                        .as("%s starts only after batch %d ended", s.publicIp(), currentBatch)
                        .isEqualTo(currentBatch);
            } else if (e instanceof JournalEvent.AttemptFinished f) {
                inFlight--;
                if (++finishedOfBatch == 10) {
                    finishedOfBatch = 0;
                    currentBatch++;
                }
            }
        }
        assertThat(most).isEqualTo(4);
        assertThat(Runs.registry(out).finalEntries())
                .hasSize(30)
                .allSatisfy(e -> assertThat(e.status().isSuccess()).isTrue());
    }

    @Test
    void badAmountsFailDiscoveryNamingTheParameter() {
        assertThat(failure("lazarus.concurrency", "150%")).contains("lazarus.concurrency=150%", "out of range");
        assertThat(failure("lazarus.concurrency", "-2")).contains("lazarus.concurrency=-2", "out of range");
        assertThat(failure("lazarus.batch", "31")).contains("lazarus.batch=31", "larger than the fleet (30 nodes)");
        assertThat(failure("lazarus.max-failures", "101%")).contains("lazarus.max-failures=101%");
        assertThat(failure("lazarus.max-failures", "some")).contains("not a count (20) or a percentage (10%)");
    }

    private String failure(String key, String value) {
        EngineExecutionResults results = Runs.execute(out, selectClass(Thirty.class), key, value);
        results.testEvents().assertStatistics(s -> s.started(0));
        return results.containerEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .collect(Collectors.joining("\n"));
    }
}
