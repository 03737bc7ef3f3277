package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.replay.Rebuild;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A harness JVM killed with SIGKILL mid-run leaves a journal from which everything is rebuilt. */
class CrashRecoveryTest {

    @TempDir
    Path out;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aRunKilledMidwayIsReportedFromItsJournalAlone() throws Exception {
        // 60 at a time: a kill leaves nodes in flight and nodes never started (ghosts)
        Process child = startChild("lazarus.embedded.speed=2", "lazarus.concurrency=60");
        Path journal;
        try {
            journal = awaitJournal(60);
            awaitInFlight(journal, 50, 60);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(JournalReader.read(journal).events()).noneMatch(JournalEvent.RunFinished.class::isInstance);

        Path killed = journal;
        RunReplay replay = Runs.quietly(() -> Rebuild.rebuild(killed));

        FleetAssessment a = replay.result().assessment();
        assertThat(replay.result().interrupted()).isTrue();
        assertThat(a.gold()).hasSize(200);
        assertThat(a.invariantHolds()).as(a.arithmetic()).isTrue();
        Set<String> accounted = new HashSet<>(a.finalEntryByIp().keySet());
        a.ghosts()
                .forEach(ip ->
                        assertThat(accounted.add(ip)).as("%s counted once", ip).isTrue());
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(a.gold());

        List<RegistryEntry> interrupted = a.finalEntryByIp().values().stream()
                .filter(e -> e.tags().contains("interrupted"))
                .toList();
        assertThat(interrupted).as("nodes in flight at the kill").isNotEmpty().allSatisfy(e -> {
            assertThat(e.status().tag()).isEqualTo("stub");
            assertThat(e.tags()).anyMatch(t -> t.startsWith("last_event_"));
            assertThat(e.lastEvent()).isIn("attempt_started", "connected", "command_started", "command_finished");
        });

        Path dir = journal.getParent();
        JsonNode summary =
                JournalCodec.mapper().readTree(dir.resolve("run_summary.json").toFile());
        assertThat(summary.get("interrupted").asBoolean()).isTrue();
        assertThat(summary.get("invariant_holds").asBoolean()).isTrue();
        long listed = lines(dir.resolve("total_registry_ips_artifact.log"))
                + lines(dir.resolve("missing_registry_ips_artifact.log"));
        assertThat(listed).isEqualTo(200);
        assertThat(lines(dir.resolve("aggregate_chunk_gold_ip_list.log"))).isEqualTo(200);

        // the ghosts (never started) get their forensics from the rebuild's last monitor pass
        assertThat(a.ghosts()).isNotEmpty();
        JsonNode ghosts = JournalCodec.mapper()
                .readTree(dir.resolve("aggregate_ghost_detail.json").toFile());
        List<String> detailed = new ArrayList<>();
        ghosts.forEach(g -> {
            detailed.add(g.get("ip").asText());
            assertThat(g.get("last_event").asText()).isEqualTo("none");
            assertThat(g.get("tags")).extracting(JsonNode::asText).contains("ghost", "no_ssh_attempt");
        });
        assertThat(detailed).containsExactlyInAnyOrderElementsOf(a.ghosts());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(f -> f.startsWith("resurrection_ghost_missing_"));
        }

        // the report command says the rebuilt run did not account for every node
        Process report = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        Rebuild.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("report.log").toFile())
                .start();
        assertThat(report.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report.exitValue())
                .as(Files.readString(out.resolve("report.log")))
                .isEqualTo(1);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSigtermEndsTheRunWithinItsBoundWithEveryNodeAccountedFor() throws Exception {
        Process child = startChild("lazarus.embedded.speed=2", "lazarus.concurrency=60", "lazarus.cancel.timeout=30s");
        Path journal;
        long signalled;
        try {
            journal = awaitJournal(60);
            awaitInFlight(journal, 50, 60);
            signalled = System.nanoTime();
            child.destroy(); // SIGTERM: the shutdown hook cancels the run and lets it write its end
            assertThat(child.waitFor(45, TimeUnit.SECONDS))
                    .as("the child ends within the cancel bound")
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled))
                .isLessThan(45);

        List<JournalEvent> events = JournalReader.read(journal).events();
        assertThat(events).anyMatch(JournalEvent.RunCancelled.class::isInstance);
        assertThat(events.get(events.size() - 1))
                .isInstanceOfSatisfying(
                        JournalEvent.RunFinished.class,
                        f -> assertThat(f.interrupted()).isTrue());
        FleetAssessment a = Monitor.assess(dev.lazarus.registry.Registry.replay(events));
        assertThat(a.ghosts()).as("every node accounted for").isEmpty();
        assertThat(a.finalEntryByIp()).hasSize(200);
        assertThat(a.invariantHolds()).isTrue();
        assertThat(a.finalEntryByIp().values())
                .anySatisfy(e -> assertThat(e.tags()).contains("interrupted", "cancelled"))
                .anySatisfy(e -> assertThat(e.tags()).containsExactly("skipped", "cancelled"));
        // the reports were still written, by the run itself
        assertThat(journal.getParent().resolve("run_summary.json")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("child.log"))).contains("cancelling the run");
    }

    private Process startChild(String... parameters) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                ChildRun.class.getName(),
                out.resolve("runs").toString()));
        command.addAll(List.of(parameters));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("child.log").toFile())
                .start();
    }

    private Path awaitJournal(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Optional<Path> journal =
                    Files.isDirectory(out.resolve("runs")) ? find(out.resolve("runs")) : Optional.empty();
            if (journal.isPresent()) {
                return journal.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "no journal within " + seconds + " s; child log:\n" + Files.readString(out.resolve("child.log")));
    }

    private static Optional<Path> find(Path runs) throws IOException {
        try (Stream<Path> files = Files.walk(runs, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("journal.jsonl"))
                    .findFirst();
        }
    }

    /** Waits until at least {@code started} attempts started while fewer than that many have finished. */
    private static void awaitInFlight(Path journal, int started, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<JournalEvent> events = JournalReader.read(journal).events();
            long s = events.stream()
                    .filter(JournalEvent.AttemptStarted.class::isInstance)
                    .count();
            long f = events.stream()
                    .filter(JournalEvent.AttemptFinished.class::isInstance)
                    .count();
            if (s >= started && f < started) {
                return;
            }
            if (f >= started) {
                throw new AssertionError("the run finished too fast to be killed midway");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fewer than " + started + " attempts started within " + seconds + " s");
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> l = Files.lines(file)) {
            return l.filter(s -> !s.isBlank()).count();
        }
    }
}
