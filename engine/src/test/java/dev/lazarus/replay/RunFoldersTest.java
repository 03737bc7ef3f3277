package dev.lazarus.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.config.Shard;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.GoldNode;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report and merge commands given a folder that holds several runs (several scenarios, several runs of each, a
 * retried shard job): which journals they take, what they say, their exit status, and the merged run's times.
 */
class RunFoldersTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static final List<GoldNode> FLEET = IntStream.rangeClosed(1, 8)
            .mapToObj(i -> new GoldNode("127.0.1." + i, "10.0.0." + i, "i-" + i))
            .toList();

    @TempDir
    Path dir;

    Path runs;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void folderOfSeveralRuns() throws Exception {
        runs = Files.createDirectories(dir.resolve("lazarus"));
        // another scenario, the oldest run that is not sharded
        run("a-other", "OtherInstall", Shard.WHOLE, T, 10, true);
        // an earlier sharded run of TomcatInstall, the day before
        run("old-1", "TomcatInstall", new Shard(1, 2), T.minus(Duration.ofDays(1)), 10, true);
        run("old-2", "TomcatInstall", new Shard(2, 2), T.minus(Duration.ofDays(1)), 10, true);
        // a run of the same fleet that was not sharded
        run("c-whole", "TomcatInstall", Shard.WHOLE, T.plusSeconds(1800), 10, true);
        // the newest sharded run; its shard 2 job was retried ten minutes later
        run("b-1", "TomcatInstall", new Shard(1, 2), T.plusSeconds(3600), 10, true);
        run("b-2", "TomcatInstall", new Shard(2, 2), T.plusSeconds(3601), 10, true);
        run("b-2-retry", "TomcatInstall", new Shard(2, 2), T.plusSeconds(4200), 10, true);
    }

    /**
     * Writes run {@code id} in its folder under {@code runs}: shard {@code shard} of FLEET started at {@code start},
     * each node of its slice one attempt (its thread named after the run) whose command took {@code seconds}.
     */
    private Path run(String id, String scenario, Shard shard, Instant start, long seconds, boolean finished)
            throws Exception {
        Path file = Files.createDirectories(runs.resolve(id)).resolve(Journal.FILE_NAME);
        List<GoldNode> slice = shard.slice(FLEET);
        Instant end = start.plusSeconds(2 + seconds);
        try (Journal j = Journal.create(file)) {
            j.append(new JournalEvent.RunStarted(
                    start.toString(),
                    id,
                    scenario,
                    "embedded",
                    FLEET.size(),
                    shard.label(),
                    1,
                    "17",
                    List.of("apt-get update"),
                    null));
            j.append(new JournalEvent.GoldList(
                    start.plusSeconds(1).toString(), id, shard.label(), slice, shard.isWhole() ? null : FLEET));
            for (GoldNode n : slice) {
                String uuid = id + "-" + n.publicIp();
                String ip = n.publicIp();
                j.append(new JournalEvent.AttemptStarted(
                        start.plusSeconds(1).toString(), uuid, ip, n.privateIp(), 1, shard.label(), 1, id));
                j.append(new JournalEvent.CommandStarted(
                        start.plusSeconds(1).toString(), uuid, ip, 0, "apt-get update", 1));
                j.append(new JournalEvent.CommandFinished(
                        start.plusSeconds(1 + seconds).toString(),
                        uuid,
                        ip,
                        0,
                        1,
                        0,
                        "success",
                        List.of(),
                        seconds * 1000,
                        List.of("done")));
                j.append(new JournalEvent.AttemptFinished(
                        start.plusSeconds(1 + seconds).toString(),
                        uuid,
                        ip,
                        Status.INSTALL_SUCCESS,
                        List.of("install_success"),
                        null,
                        null,
                        null,
                        null));
            }
            if (finished) {
                j.append(new JournalEvent.RunFinished(end.toString(), id, (2 + seconds) * 1000, false));
            }
        }
        return file;
    }

    private int merge(String... args) {
        return Merge.run(stream(out), stream(err), args);
    }

    private int report(String... args) {
        return Rebuild.run(stream(out), stream(err), args);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The merged run: the one merge folder under {@code merged}. */
    private RunResult merged(Path merged) throws Exception {
        try (var dirs = Files.list(merged)) {
            Path only = dirs.reduce((a, b) -> {
                        throw new AssertionError("two merges: " + a + ", " + b);
                    })
                    .orElseThrow();
            return RunReplay.of(only.resolve(Journal.FILE_NAME)).result();
        }
    }

    /** The runs whose attempts the merge took, by the attempts' thread names. */
    private static List<String> sources(RunResult result) {
        return result.entries().stream()
                .map(RegistryEntry::thread)
                .distinct()
                .sorted()
                .toList();
    }

    @Test
    void theNewestRunIsMergedWithTheNewestRunOfEachOtherShardAndANoteSaysWhatWasIgnored() throws Exception {
        Path merged = dir.resolve("merged");

        assertThat(merge("--out", merged.toString(), runs.toString())).as(err()).isZero();

        RunResult result = merged(merged);
        assertThat(sources(result)).containsExactly("b-1", "b-2-retry");
        assertThat(result.assessment().gold()).hasSize(8);
        assertThat(result.assessment().ghosts()).isEmpty();
        assertThat(out())
                .contains("[lazarus] merge: took the newest run, b-2-retry (TomcatInstall, started "
                        + T.plusSeconds(4200) + ", shard 2/2) with 1 other shard(s) of its run, the newest of each: "
                        + "1/2 b-1")
                .contains("ignored 5 other run(s) under " + runs)
                .contains("3 of them earlier or later runs of the same scenario and fleet")
                .contains("--run <run-id>")
                .contains("merged 2 of 2 shard journal(s) of TomcatInstall (8 nodes)");
    }

    @Test
    void aRunIdPicksThatRunWithTheShardsOfItsRunThatStartedNearestToIt() throws Exception {
        assertThat(merge("--out", dir.resolve("m1").toString(), "--run", "old-2", runs.toString()))
                .as(err())
                .isZero();
        assertThat(sources(merged(dir.resolve("m1")))).containsExactly("old-1", "old-2");
        assertThat(out()).contains("took run old-2 (TomcatInstall").contains("each the one started nearest to it");

        // the first job of shard 2, not its retry: nearest to b-1
        assertThat(merge("--out", dir.resolve("m2").toString(), "--run", "b-1", runs.toString()))
                .isZero();
        assertThat(sources(merged(dir.resolve("m2")))).containsExactly("b-1", "b-2");

        // a run named for each shard: exactly those
        assertThat(merge(
                        "--out", dir.resolve("m3").toString(), "--run", "old-1", "--run", "b-2-retry", runs.toString()))
                .isZero();
        assertThat(sources(merged(dir.resolve("m3")))).containsExactly("b-2-retry", "old-1");

        // a run that was not sharded is merged alone; the run folder's name serves as its id
        assertThat(merge("--out", dir.resolve("m4").toString(), "--run", "a-other", runs.toString()))
                .isZero();
        RunResult other = merged(dir.resolve("m4"));
        assertThat(sources(other)).containsExactly("a-other");
        assertThat(other.assessment().gold()).hasSize(8);
    }

    @Test
    void theShardCountConsidersOnlyRunsOfThatManyShards() throws Exception {
        run("d-whole-newest", "TomcatInstall", Shard.WHOLE, T.plusSeconds(9000), 10, true);

        assertThat(merge("--out", dir.resolve("m").toString(), "--shards", "2", runs.toString()))
                .isZero();

        assertThat(sources(merged(dir.resolve("m")))).containsExactly("b-1", "b-2-retry");
    }

    @Test
    void aShardThatLeftNoJournalMakesTheMergeExit1() throws Exception {
        Path lone = Files.createDirectories(dir.resolve("lone"));
        runs = lone;
        run("e-1", "TomcatInstall", new Shard(1, 2), T, 10, true);

        assertThat(merge("--out", dir.resolve("m").toString(), lone.toString())).isEqualTo(1);
        assertThat(merged(dir.resolve("m")).assessment().ghosts()).hasSize(4);
        assertThat(out()).contains("missing shard(s): 2/2");
    }

    @Test
    void anUnknownRunIdListsTheRunsFoundAndExits2() {
        assertThat(merge("--out", dir.resolve("m").toString(), "--run", "nope", runs.toString()))
                .isEqualTo(2);

        assertThat(err())
                .contains("no run nope under " + runs + "; the runs found:")
                .contains("b-2-retry  TomcatInstall  shard 2/2  started " + T.plusSeconds(4200))
                .contains("a-other  OtherInstall  shard 1/1")
                .contains("old-1", "old-2", "b-1", "b-2", "c-whole");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void badInputExits2WithWhatIsWrong() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String merged = dir.resolve("m").toString();

        assertThat(merge("--out", merged, empty.toString())).isEqualTo(2);
        assertThat(err()).contains("no run under " + empty + ": no journal.jsonl found");

        assertThat(merge("--out", merged, "--shards", "3", runs.toString())).isEqualTo(2);
        assertThat(err()).contains("no run of 3 shard(s) under " + runs + "; the runs found:");

        assertThat(merge("--out", merged, "--run", "a-other", "--run", "b-1", runs.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("runs a-other and b-1 are not shards of one run");

        assertThat(merge("--out", merged, "--run", "b-2", "--run", "b-2-retry", runs.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("runs b-2 and b-2-retry are both shard 2/2: name one run per shard");

        assertThat(merge("--out", merged, dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err()).contains("nowhere does not exist");

        assertThat(merge(runs.toString())).isEqualTo(2);
        assertThat(err()).contains("--out is missing").contains(Merge.USAGE);

        assertThat(merge("--out", merged, "--shards", "four", runs.toString())).isEqualTo(2);
        assertThat(err()).contains("--shards four is not a shard count");

        assertThat(merge("--out", merged, "--run")).isEqualTo(2);
        assertThat(err()).contains("--run needs a value");

        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void theMergedRunsWallTimeRunsFromTheFirstShardsStartToTheLastShardsEndAndItsIdealIsTheSlowestNode()
            throws Exception {
        Path sharded = Files.createDirectories(dir.resolve("timed"));
        runs = sharded;
        run("t-1", "TomcatInstall", new Shard(1, 2), T, 3, true); // ends T + 5 s
        run("t-2", "TomcatInstall", new Shard(2, 2), T.plusSeconds(20), 9, false); // killed: last event T + 30 s

        assertThat(merge("--out", dir.resolve("m").toString(), sharded.toString()))
                .as(err())
                .isEqualTo(0);

        RunResult result = merged(dir.resolve("m"));
        assertThat(result.wall()).isEqualTo(Duration.ofSeconds(30));
        assertThat(result.endedAt()).isEqualTo(T.plusSeconds(30).toString());
        assertThat(result.criticalPathMillis())
                .as("the slowest node of any shard")
                .isEqualTo(9_000);
        try (var dirs = Files.list(dir.resolve("m"))) {
            List<JournalEvent> events = JournalReader.read(
                            dirs.findFirst().orElseThrow().resolve(Journal.FILE_NAME))
                    .events();
            assertThat(events.get(0)).isInstanceOfSatisfying(JournalEvent.RunStarted.class, s -> {
                assertThat(s.ts()).isEqualTo(T.toString());
                assertThat(s.jdk()).as("the shards' JDK, not the merge's").isEqualTo("17");
            });
            assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(JournalEvent.RunFinished.class, f -> {
                assertThat(f.ts()).isEqualTo(T.plusSeconds(30).toString());
                assertThat(f.wallMillis()).isEqualTo(30_000);
            });
        }
    }

    @Test
    void theReportCommandRebuildsTheNewestRunOfAFolderOrTheRunsNamed() throws Exception {
        assertThat(Rebuild.journals(List.of(), List.of(runs), stream(out)))
                .containsExactly(
                        runs.resolve("b-1").resolve(Journal.FILE_NAME),
                        runs.resolve("b-2-retry").resolve(Journal.FILE_NAME));
        assertThat(out())
                .contains("[lazarus] report: took the newest run, b-2-retry")
                .contains("1/2 b-1");

        assertThat(Rebuild.journals(List.of("b-2", "a-other"), List.of(runs), stream(out)))
                .containsExactly(
                        runs.resolve("b-2").resolve(Journal.FILE_NAME),
                        runs.resolve("a-other").resolve(Journal.FILE_NAME));
        assertThat(out()).contains("[lazarus] report: took run(s) b-2, a-other; ignored 5 other run(s)");

        // run folders and journals given as such are each rebuilt, with no note
        out.reset();
        assertThat(Rebuild.journals(
                        List.of(),
                        List.of(runs.resolve("c-whole"), runs.resolve("old-1").resolve(Journal.FILE_NAME)),
                        stream(out)))
                .containsExactly(
                        runs.resolve("c-whole").resolve(Journal.FILE_NAME),
                        runs.resolve("old-1").resolve(Journal.FILE_NAME));
        assertThat(out()).isEmpty();

        assertThat(report(runs.toString())).as(err()).isZero();
        assertThat(report("--run", "c-whole", runs.toString())).isZero();
    }

    @Test
    void theReportCommandSaysWhatIsWrongAndExits2OrExits1ForARunThatDoesNotAccountForEveryNode() throws Exception {
        assertThat(report("--run", "nope", runs.toString())).isEqualTo(2);
        assertThat(err())
                .contains("no run nope under " + runs + "; the runs found:")
                .contains("c-whole  TomcatInstall");

        assertThat(report(dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err()).contains("no journal at").contains("it does not exist");

        assertThat(report()).isEqualTo(2);
        assertThat(err()).contains(Rebuild.USAGE);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(report(empty.toString())).isEqualTo(2);
        assertThat(err()).contains("no run under " + empty);

        // the newest run was killed with a node in flight: it does not account for every node
        Path killed = Files.createDirectories(runs.resolve("z-killed")).resolve(Journal.FILE_NAME);
        try (Journal j = Journal.create(killed)) {
            String ts = T.plusSeconds(9000).toString();
            j.append(new JournalEvent.RunStarted(
                    ts, "z-killed", "TomcatInstall", "embedded", 8, "1/1", 1, "17", List.of("true"), null));
            j.append(new JournalEvent.GoldList(ts, "z-killed", "1/1", FLEET));
            j.append(new JournalEvent.AttemptStarted(ts, "u", "127.0.1.1", "10.0.0.1", 1, "1/1", 1, "w"));
        }
        // an empty journal (a run that died at once) is no run, and is left out
        Files.createFile(Files.createDirectories(runs.resolve("z-empty")).resolve(Journal.FILE_NAME));
        out.reset();
        assertThat(report(runs.toString())).isEqualTo(1);
        assertThat(out()).contains("took the newest run, z-killed");
    }

    @Test
    void aMergeFolderHoldingSeveralMergesIsReportedByItsNewestAndAMergeIsNeverMergedAgain() throws Exception {
        Path merged = dir.resolve("merged");
        assertThat(merge("--out", merged.toString(), "--run", "old-1", runs.toString()))
                .isZero();
        assertThat(merge("--out", merged.toString(), runs.toString())).isZero();

        out.reset();
        List<Path> picked = Rebuild.journals(List.of(), List.of(merged), stream(out));

        assertThat(picked)
                .singleElement()
                .satisfies(j -> assertThat(RunReplay.of(j).result().entries())
                        .extracting(RegistryEntry::thread)
                        .contains("b-2-retry"));
        assertThat(out()).contains("took the newest run, merge-").contains("ignored 1 other run(s)");

        // the merge folders under the folder merged are not taken for shards
        out.reset();
        assertThat(merge("--out", merged.toString(), dir.toString())).isZero();
        assertThat(out()).contains("took the newest run, b-2-retry");
    }
}
