package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.reports.ConsoleRecap;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.CompositeTestSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** What the JUnit Platform gives an engine, used: its cancellation, its output folder, file and report entries. */
class PlatformServicesTest {

    /** 120 nodes, at most 20 in flight, installs that take a while: a cancellation finds nodes in flight and waiting. */
    @Scenario(
            fleetSize = 120,
            commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    static class Slow {}

    @Scenario(
            fleetSize = 4,
            commands = {"apt-get update"})
    static class Small {}

    @TempDir
    Path out;

    @Test
    void aLauncherCancellationEndsTheRunAsASigtermDoesWithEveryNodeAccountedForAndTheReportsWritten() throws Exception {
        CancellationToken token = CancellationToken.create();
        CancelTheLauncher.TOKEN.set(token);
        EngineExecutionResults results = EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.console", "off")
                .cancellationToken(token)
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter("lazarus.progress.interval", "0")
                .configurationParameter("lazarus.concurrency", "20")
                .configurationParameter("lazarus.extensions", "cancel-the-launcher")
                .configurationParameter(CancelTheLauncher.AFTER, "30")
                .selectors(selectClass(Slow.class))
                .execute();

        List<JournalEvent> events = Runs.events(out);
        assertThat(events)
                .filteredOn(JournalEvent.RunCancelled.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((JournalEvent.RunCancelled) e).reason())
                        .isEqualTo("the run was cancelled by the launcher"));
        assertThat(events.get(events.size() - 1))
                .isInstanceOfSatisfying(
                        JournalEvent.RunFinished.class,
                        f -> assertThat(f.interrupted()).isTrue());
        FleetAssessment a = Monitor.assess(Registry.replay(events));
        assertThat(a.ghosts()).as("every node accounted for").isEmpty();
        assertThat(a.invariantHolds()).as(a.arithmetic()).isTrue();
        assertThat(a.finalEntryByIp()).hasSize(120);
        List<RegistryEntry> interrupted = a.finalEntryByIp().values().stream()
                .filter(e -> e.tags().contains("interrupted"))
                .toList();
        List<RegistryEntry> skipped = a.finalEntryByIp().values().stream()
                .filter(e -> e.tags().equals(List.of("skipped", "cancelled")))
                .toList();
        assertThat(interrupted)
                .as("attempts in flight at the cancel")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.tags()).containsExactly("stub", "interrupted", "cancelled"));
        assertThat(skipped).as("nodes not started").isNotEmpty();
        assertThat(events)
                .as("no resurrection round starts once the run is cancelled")
                .noneMatch(JournalEvent.GatekeeperDecision.class::isInstance);

        // the reports were written by the run itself, and every test ended
        Path run = Runs.runDir(out);
        assertThat(run.resolve("run_summary.json")).isNotEmptyFile();
        assertThat(run.resolve("allure-results")).isNotEmptyDirectory();
        results.testEvents().assertStatistics(s -> s.aborted(skipped.size()).failed(interrupted.size()));
        results.containerEvents().assertStatistics(s -> s.failed(0));
        results.testEvents()
                .succeeded()
                .assertThatEvents()
                .anySatisfy(
                        e -> assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("verdict: ghosts"));
    }

    @Test
    void aScenarioTheLauncherCancelledBeforeItBeganIsSkippedAndStartsNothing() throws IOException {
        CancellationToken token = CancellationToken.create();
        token.cancel();
        EngineExecutionResults results = EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.console", "off")
                .cancellationToken(token)
                .configurationParameter("lazarus.output.dir", out.toString())
                .selectors(selectClass(Small.class))
                .execute();
        results.containerEvents()
                .skipped()
                .assertThatEvents()
                .singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor().getSource()).contains(ClassSource.from(Small.class)));
        results.testEvents().assertStatistics(s -> s.started(0));
        try (Stream<Path> runs = Files.list(out)) {
            assertThat(runs).as("no run folder").isEmpty();
        }
    }

    @Test
    void theJournalTheSummaryAndTheRecapArePublishedOnTheScenario() throws Exception {
        EngineExecutionResults results = Runs.execute(out, selectClass(Small.class));
        Path run = Runs.runDir(out);

        List<Event> files = results.allEvents().fileEntryPublished().list();
        assertThat(files)
                .allSatisfy(e -> assertThat(e.getTestDescriptor().getSource()).contains(ClassSource.from(Small.class)));
        assertThat(files.stream().map(e -> e.getRequiredPayload(FileEntry.class)))
                .extracting(FileEntry::getPath, f -> f.getMediaType().orElse(""))
                .contains(
                        tuple(run.resolve("journal.jsonl"), "application/x-ndjson"),
                        tuple(run.resolve("run_summary.json"), "application/json"));
        List<ReportEntry> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class))
                .toList();
        assertThat(entries)
                .singleElement()
                .satisfies(entry -> assertThat(entry.getKeyValuePairs())
                        .hasEntrySatisfying(
                                ConsoleRecap.ENTRY,
                                recap -> assertThat(recap)
                                        .startsWith("[lazarus] ── recap: Small")
                                        .contains("invariant     holds")));
    }

    @Test
    void withoutLazarusOutputDirTheRunGoesToTheLaunchersOutputFolderForTheEngine() throws Exception {
        Path root = Files.createDirectories(out.resolve("reports"));
        OutputDirectoryCreator launcherFolders = new OutputDirectoryCreator() {
            @Override
            public Path getRootDirectory() {
                return root;
            }

            @Override
            public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                return Files.createDirectories(
                        root.resolve(descriptor.getUniqueId().getLastSegment().getValue()));
            }
        };
        EngineExecutionResults results = EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.console", "off")
                .outputDirectoryCreator(launcherFolders)
                .configurationParameter("lazarus.progress.interval", "0")
                .configurationParameter("lazarus.embedded.speed", "0.1")
                .selectors(selectClass(Small.class))
                .execute();
        results.containerEvents().assertStatistics(s -> s.failed(0));
        Path run = Runs.runDir(root.resolve("lazarus"));
        assertThat(run.getFileName().toString()).contains("Small");
        assertThat(run.resolve("journal.jsonl")).isNotEmptyFile();
    }

    @Test
    void nodeAndVerdictTestsLeadBackToTheScenarioClass() {
        EngineExecutionResults results = Runs.execute(out, selectClass(Small.class));
        assertThat(results.testEvents().started().stream().map(Event::getTestDescriptor))
                .hasSize(4 + 3)
                .allSatisfy(d -> assertThat(classesIn(d.getSource())).containsExactly(ClassSource.from(Small.class)));
        assertThat(results.containerEvents().started().stream().map(Event::getTestDescriptor))
                .filteredOn(d -> d.getDisplayName().startsWith("shard"))
                .singleElement()
                .satisfies(d -> assertThat(classesIn(d.getSource())).containsExactly(ClassSource.from(Small.class)));
    }

    /** The class sources an IDE finds in a test's source (JUnit's composite sources hold them, as IDEs read them). */
    private static List<TestSource> classesIn(Optional<TestSource> source) {
        return source.stream()
                .flatMap(s -> s instanceof CompositeTestSource c ? c.getSources().stream() : Stream.of(s))
                .filter(ClassSource.class::isInstance)
                .toList();
    }
}
