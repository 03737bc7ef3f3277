package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.replay.Merge;
import dev.lazarus.replay.Rebuild;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's merge and report commands over one output folder of real runs, as {@code scenarios/target/lazarus} is
 * after a build: another scenario's run, then a run in two shards whose second shard job was run again.
 */
class MergeCommandTest {

    @Scenario(
            fleetSize = 6,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    static class Sharded {}

    @Scenario(
            fleetSize = 3,
            commands = {"apt-get update"})
    static class Another {}

    @TempDir
    Path out;

    private static String runId(Path runDir) {
        return started(runDir).runId();
    }

    private static JournalEvent.RunStarted started(Path runDir) {
        return (JournalEvent.RunStarted)
                JournalReader.read(runDir.resolve(Journal.FILE_NAME)).events().get(0);
    }

    private static Instant finished(Path runDir) {
        List<JournalEvent> events =
                JournalReader.read(runDir.resolve(Journal.FILE_NAME)).events();
        return Instant.parse(events.get(events.size() - 1).ts());
    }

    private static Set<String> attempts(Path runDir) {
        return JournalReader.read(runDir.resolve(Journal.FILE_NAME)).events().stream()
                .map(JournalEvent::attemptId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** The run folder that {@code runs} added to {@code folder}. */
    private static Path added(Path folder, Runnable runs) throws Exception {
        Set<Path> before = folders(folder);
        runs.run();
        Set<Path> after = folders(folder);
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return after.iterator().next();
    }

    private static Set<Path> folders(Path folder) throws Exception {
        Files.createDirectories(folder);
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(Files::isDirectory).collect(Collectors.toSet());
        }
    }

    @Test
    void aFolderOfSeveralRunsMergesTheNewestRunOfEachShardWithTheRunsTimesAndEveryFileReadable() throws Exception {
        Path lazarus = out.resolve("lazarus");
        Path another = added(lazarus, () -> Runs.execute(lazarus, selectClass(Another.class)));
        Path shard1 = added(
                lazarus,
                () -> Runs.execute(
                        lazarus, selectClass(Sharded.class), "lazarus.shard.index", "1", "lazarus.shard.total", "2"));
        Path shard2 = added(
                lazarus,
                () -> Runs.execute(
                        lazarus, selectClass(Sharded.class), "lazarus.shard.index", "2", "lazarus.shard.total", "2"));
        Path retried = added(
                lazarus,
                () -> Runs.execute(
                        lazarus, selectClass(Sharded.class), "lazarus.shard.index", "2", "lazarus.shard.total", "2"));
        assertThat(Runs.notReadable(lazarus))
                .as("every file of every run folder is 0644")
                .isEmpty();

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Path merged = out.resolve("merged");
        int exit = Runs.quietly(() -> Merge.run(
                new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8),
                "--out",
                merged.toString(),
                lazarus.toString()));

        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("took the newest run, " + runId(retried))
                .contains("the newest of each: 1/2 " + runId(shard1))
                .contains("ignored 2 other run(s) under " + lazarus)
                .contains("1 of them earlier or later runs of the same scenario and fleet");
        Path mergeDir;
        try (Stream<Path> dirs = Files.list(merged)) {
            mergeDir = dirs.findFirst().orElseThrow();
        }
        RunResult result = RunReplay.of(mergeDir.resolve(Journal.FILE_NAME)).result();
        assertThat(result.assessment().gold()).hasSize(6);
        assertThat(result.assessment().ghosts()).isEmpty();
        assertThat(result.entries())
                .extracting(RegistryEntry::attemptId)
                .as("the attempts of shard 1 and of the retried shard 2 job, none of the first shard 2 job")
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(attempts(shard1).stream(), attempts(retried).stream())
                                .toList())
                .doesNotContainAnyElementsOf(attempts(shard2));
        assertThat(result.wall())
                .as("from the first shard's start to the last shard's end")
                .isEqualTo(Duration.between(Instant.parse(started(shard1).ts()), finished(retried)));
        assertThat(Runs.notReadable(merged))
                .as("every file of the merge is 0644")
                .isEmpty();

        // the report command takes the run named among them
        ByteArrayOutputStream reported = new ByteArrayOutputStream();
        assertThat(Runs.quietly(() -> Rebuild.run(
                        new PrintStream(reported, true, StandardCharsets.UTF_8),
                        new PrintStream(errors, true, StandardCharsets.UTF_8),
                        "--run",
                        runId(another),
                        lazarus.toString())))
                .isZero();
        assertThat(reported.toString(StandardCharsets.UTF_8))
                .contains("[lazarus] report: took run(s) " + runId(another) + "; ignored 3 other run(s)")
                .contains("Another");
        assertThat(Runs.notReadable(another)).isEmpty();
    }
}
