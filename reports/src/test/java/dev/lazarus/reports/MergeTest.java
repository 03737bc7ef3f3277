package dev.lazarus.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.config.Shard;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.GoldNode;
import dev.lazarus.replay.Merge;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge over hand-made shard journals: one finished, one killed midway, one missing altogether. */
class MergeTest {

    static final List<GoldNode> FLEET = IntStream.rangeClosed(1, 12)
            .mapToObj(i -> new GoldNode("127.0.1." + i, "10.0.0." + i, "i-" + i))
            .toList();

    @TempDir
    Path dir;

    /** Writes shard {@code index}/3 of FLEET; its first {@code done} nodes succeed, the rest start and never end. */
    private Path shard(int index, int done, boolean finished) throws Exception {
        Shard shard = new Shard(index, 3);
        Path file = Files.createDirectories(dir.resolve("job-" + index).resolve("run-" + index))
                .resolve(Journal.FILE_NAME);
        List<GoldNode> slice = shard.slice(FLEET);
        try (Journal j = Journal.create(file)) {
            j.append(new JournalEvent.RunStarted(
                    Events.now(),
                    "run-" + index,
                    "TomcatInstall",
                    "embedded",
                    12,
                    shard.label(),
                    1,
                    "17",
                    List.of("true"),
                    null));
            j.append(new JournalEvent.GoldList(Events.now(), "run-" + index, shard.label(), slice, FLEET));
            for (int i = 0; i < slice.size(); i++) {
                String ip = slice.get(i).publicIp();
                String uuid = UUID.randomUUID().toString();
                j.append(new JournalEvent.AttemptStarted(Events.now(), uuid, ip, ip, 1, shard.label(), 1, "w"));
                if (i < done) {
                    j.append(new JournalEvent.AttemptFinished(
                            Events.now(),
                            uuid,
                            ip,
                            Status.INSTALL_SUCCESS,
                            List.of("install_success"),
                            null,
                            null,
                            null,
                            null));
                }
            }
            if (finished) {
                j.append(new JournalEvent.RunFinished(Events.now(), "run-" + index, 1, false));
            }
        }
        return file;
    }

    @Test
    void aMissingShardsSliceIsGhostsWithTheReasonAndAKilledShardsUnfinishedNodesToo() throws Exception {
        shard(1, 4, true);
        shard(2, 3, false); // killed after 3 of its 4 nodes
        // shard 3 left nothing

        RunReplay merged = Merge.merge(dir.resolve("merged"), null, Merge.journals(List.of(dir)));
        FleetAssessment a = merged.result().assessment();

        assertThat(a.gold()).hasSize(12);
        assertThat(a.ghosts())
                .containsExactlyInAnyOrder("127.0.1.8", "127.0.1.9", "127.0.1.10", "127.0.1.11", "127.0.1.12");
        assertThat(a.invariantHolds()).isTrue();
        assertThat(a.finalEntryByIp()).hasSize(7);
        assertThat(merged.context().shard()).isEqualTo("1-3/3");

        Path run = merged.context().runDir();
        assertThat(Files.readAllLines(run.resolve(RegistryArtifacts.GHOST_SUMMARY)))
                .hasSize(5);
        JsonNode detail = JournalCodec.mapper()
                .readTree(run.resolve(ResurrectionArtifacts.GHOST_DETAIL).toFile());
        assertThat(detail).hasSize(5);
        detail.forEach(g -> {
            assertThat(g.get("tags").toString()).contains("shard_missing");
            if (g.get("ip").asText().equals("127.0.1.8")) {
                assertThat(g.get("shard").asText()).isEqualTo("2/3");
                assertThat(g.get("last_event").asText()).isEqualTo("attempt_started");
                assertThat(g.get("reason").asText()).contains("shard 2/3 ends before run_finished");
            } else {
                assertThat(g.get("shard").asText()).isEqualTo("3/3");
                assertThat(g.get("tags").toString()).contains("no_ssh_attempt");
                assertThat(g.get("reason").asText())
                        .isEqualTo("shard 3/3 left no journal (its job died without artifacts)");
            }
        });
        assertThat(notReadable(run)).as("every file of the merged run is 0644").isEmpty();
        // Allure: every node has a result, the never-attempted ones too
        try (var files = Files.list(run.resolve("allure-results"))) {
            long results =
                    files.filter(f -> f.toString().endsWith("-result.json")).count();
            assertThat(results)
                    .as("8 attempts + 4 never attempted + 3 verdicts")
                    .isEqualTo(15);
        }
        // the Fleet plugin's file: the merged run's artifacts, so the Fleet widget and tab show every shard's nodes
        JsonNode fleet = JournalCodec.mapper()
                .readTree(run.resolve("allure-results")
                        .resolve("lazarus-fleet-" + merged.context().runId() + ".json")
                        .toFile());
        assertThat(fleet.get("summary"))
                .isEqualTo(JournalCodec.mapper()
                        .readTree(run.resolve(RegistryArtifacts.SUMMARY).toFile()));
        assertThat(fleet.get("gold")).hasSize(12);
        assertThat(fleet.get("ghost_detail")).isEqualTo(detail);
        assertThat(fleet.get("attempts")).hasSize(8);
    }

    @Test
    void aRerunOfTheMergeIgnoresEarlierMergesAndShardsMustAgree() throws Exception {
        shard(1, 4, true);
        shard(2, 4, true);
        shard(3, 4, true);
        FleetAssessment first = Merge.merge(dir.resolve("merged"), null, Merge.journals(List.of(dir)))
                .result()
                .assessment();
        assertThat(first.ghosts()).isEmpty();
        assertThat(first.finalEntryByIp()).hasSize(12);
        // merging again over the same tree (now holding the first merge) gives the same fleet
        FleetAssessment again = Merge.merge(dir.resolve("merged"), null, Merge.journals(List.of(dir)))
                .result()
                .assessment();
        assertThat(again.finalEntryByIp()).hasSize(12);

        assertThatThrownBy(() -> Merge.merge(dir.resolve("merged"), 4, Merge.journals(List.of(dir))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no run of 4 shard(s) under")
                .hasMessageContaining("run-1  TomcatInstall  shard 1/3");
        assertThatThrownBy(() -> Merge.merge(dir.resolve("merged"), null, List.of()))
                .hasMessageContaining("nothing to merge");
    }

    /** The files under {@code dir} that are not {@code rw-r--r--}, with their mode; none where POSIX is unsupported. */
    static List<String> notReadable(Path dir) throws Exception {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
            return List.of();
        }
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                if (!mode.equals("rw-r--r--")) {
                    wrong.add(dir.relativize(f) + " " + mode);
                }
            }
        }
        return wrong;
    }

    /**
     * Shard {@code index}/2 of FLEET started at {@code start}: each node's one command took {@code seconds[i]}, one
     * after the other from the start; the run ends ({@code run_finished}) one second after its last node.
     */
    private void timedShard(int index, Instant start, long... seconds) throws Exception {
        Shard shard = new Shard(index, 2);
        Path file = Files.createDirectories(dir.resolve("timed").resolve("t-" + index))
                .resolve(Journal.FILE_NAME);
        List<GoldNode> slice = shard.slice(FLEET);
        Instant at = start;
        try (Journal j = Journal.create(file)) {
            j.append(new JournalEvent.RunStarted(
                    at.toString(),
                    "t-" + index,
                    "TomcatInstall",
                    "embedded",
                    12,
                    shard.label(),
                    1,
                    "17",
                    List.of("apt-get update"),
                    null));
            j.append(new JournalEvent.GoldList(at.toString(), "t-" + index, shard.label(), slice, FLEET));
            for (int i = 0; i < slice.size(); i++) {
                String ip = slice.get(i).publicIp();
                String uuid = UUID.randomUUID().toString();
                j.append(new JournalEvent.AttemptStarted(at.toString(), uuid, ip, ip, 1, shard.label(), 1, "w"));
                j.append(new JournalEvent.CommandStarted(at.toString(), uuid, ip, 0, "apt-get update", 1));
                at = at.plusSeconds(seconds[i]);
                j.append(new JournalEvent.CommandFinished(
                        at.toString(), uuid, ip, 0, 1, 0, "success", List.of(), seconds[i] * 1000, List.of()));
                j.append(new JournalEvent.AttemptFinished(
                        at.toString(),
                        uuid,
                        ip,
                        Status.INSTALL_SUCCESS,
                        List.of("install_success"),
                        null,
                        null,
                        null,
                        null));
            }
            at = at.plusSeconds(1);
            j.append(new JournalEvent.RunFinished(
                    at.toString(), "t-" + index, Duration.between(start, at).toMillis(), false));
        }
    }

    @Test
    void theRecapsWallTimeIsTheShardedRunsFromItsFirstStartToItsLastEndAndTheIdealItsSlowestNode() throws Exception {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        timedShard(1, t, 2, 2, 2, 2, 2, 2); // ends t + 13 s
        timedShard(2, t.plusSeconds(10), 1, 9, 1, 1, 1, 1); // its slowest node 9 s; ends t + 25 s

        RunReplay merged = Merge.merge(dir.resolve("merged"), null, List.of(dir.resolve("timed")));

        assertThat(merged.result().wall()).isEqualTo(Duration.ofSeconds(25));
        assertThat(merged.result().criticalPathMillis()).isEqualTo(9_000);
        assertThat(ConsoleRecap.render(merged.context(), merged.result()))
                .containsPattern("wall time +25\\.0 s = 2\\.8 x ideal \\(9\\.0 s: the slowest node's own commands\\)");
        JsonNode summary = JournalCodec.mapper()
                .readTree(merged.context().runDir().resolve("run_summary.json").toFile());
        assertThat(summary.get("wall_seconds").asDouble()).isEqualTo(25.0);
    }
}
