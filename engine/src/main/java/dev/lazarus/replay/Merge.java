package dev.lazarus.replay;

import dev.lazarus.config.Shard;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.GoldList;
import dev.lazarus.journal.JournalEvent.GoldNode;
import dev.lazarus.journal.JournalEvent.RunStarted;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.journal.RunIds;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The merge command: joins the journals of a sharded run (one per parallel job) into one journal for the
 * whole fleet and rebuilds every report from it: registry, ghosts, untraceable entries, the invariant and
 * one Allure report across shards. A shard that left no journal makes its whole slice ghosts, with the
 * reason; a shard whose journal ends early leaves its unfinished nodes as ghosts.
 *
 * <pre>mvn -q -pl reports -am compile exec:java -Dlazarus.main=dev.lazarus.replay.Merge \
 *     -Dexec.args="--out target/merged scenarios/target/lazarus"</pre>
 *
 * Arguments: {@code --out <folder>} (where the merged run folder goes), optionally {@code --shards <N>} (the
 * shard count, when no surviving journal could tell it; only runs of N shards are then considered) and
 * {@code --run <run-id>} (repeatable: the run to merge, when the inputs hold several), then journals, run folders, or
 * folders to search for {@code journal.jsonl}. Which journals are taken when the inputs hold several runs is
 * {@link RunJournals}' rule: the named run, or the newest, with the other shards of its run. Exit status 0 when the
 * fleet has no ghost and the invariant holds, 1 when it does not, 2 for bad input or when it cannot merge.
 *
 * <p>Times: the merged journal's own events carry the shards' times, not the merge's: its {@code run_started} is the
 * earliest shard's start, its closing monitor pass and {@code run_finished} the latest shard's end (its
 * {@code run_finished}, or its last event when it was killed), so the merged run's wall time is the sharded run's, from
 * the first shard's start to the last shard's end; the ideal (the slowest node's own commands) comes from the nodes of
 * every shard.
 */
public final class Merge {

    static final String MERGE_PREFIX = "merge-";

    static final String USAGE = "usage: Merge --out <folder> [--shards N] [--run <run-id>]... "
            + "<journal | run folder | folder holding run folders> ...";

    /** One shard's journal as the merge sees it. */
    record ShardJournal(
            Path file, Shard shard, RunStarted started, GoldList gold, List<JournalEvent> events, boolean finished) {

        /** When the shard's run ended: its {@code run_finished}, else (killed) its last event. */
        String end() {
            return events.get(events.size() - 1).ts();
        }
    }

    private Merge() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * The command, without exiting: merges as {@code args} say and returns the exit status (0 the fleet has no ghost
     * and the invariant holds, 1 it does not, 2 bad input or nothing merged).
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Path target = null;
        Integer shards = null;
        List<String> runIds = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> target = Path.of(value(args, ++i, "--out"));
                    case "--shards" -> shards = shardCount(value(args, ++i, "--shards"));
                    case "--run" -> runIds.add(value(args, ++i, "--run"));
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        inputs.add(Path.of(args[i]));
                    }
                }
            }
            if (target == null || inputs.isEmpty()) {
                throw new IllegalArgumentException(target == null ? "--out is missing" : "no journal or folder given");
            }
        } catch (IllegalArgumentException e) {
            err.println("[lazarus] merge: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        FleetAssessment a;
        try {
            a = merge(target, shards, runIds, inputs, out).result().assessment();
        } catch (IllegalArgumentException e) {
            err.println("[lazarus] merge: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("[lazarus] merge: could not merge: " + e);
            return 2;
        }
        return a.ghosts().isEmpty() && a.invariantHolds() ? 0 : 1;
    }

    private static int shardCount(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 1 || n > Shard.MAX_TOTAL) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--shards " + text + " is not a shard count (1.." + Shard.MAX_TOTAL + ")");
        }
    }

    static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** Every {@code journal.jsonl} under the inputs, except earlier merges' own. */
    public static List<Path> journals(List<Path> inputs) throws IOException {
        return RunJournals.find(inputs, false).stream()
                .map(RunJournals.Found::file)
                .toList();
    }

    /**
     * Merges the newest run among {@code journals} (journals, run folders or folders to search) into
     * {@code out/merge-<run id>/journal.jsonl} and rebuilds the reports there.
     */
    public static RunReplay merge(Path out, Integer expectedShards, List<Path> journals) throws Exception {
        return merge(out, expectedShards, List.of(), journals, System.out);
    }

    /**
     * Merges the run that {@code runIds} names (the newest when empty) among the journals under {@code inputs} into
     * {@code out/merge-<run id>/journal.jsonl} and rebuilds the reports there; says on {@code console} which journals
     * it took.
     *
     * @throws IllegalArgumentException for input that cannot be merged, with what is wrong
     */
    public static RunReplay merge(
            Path out, Integer expectedShards, List<String> runIds, List<Path> inputs, PrintStream console)
            throws Exception {
        RunJournals.Picked picked =
                RunJournals.pick(RunJournals.find(inputs, false), runIds, expectedShards, inputs, "merge", true);
        console.println(picked.note());
        List<ShardJournal> read = new ArrayList<>();
        for (RunJournals.Found f : picked.journals()) {
            read(f.file()).ifPresent(read::add);
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException(
                    "no shard journal among " + picked.journals().size()
                            + " file(s): nothing to merge (every shard job died before writing its gold list?)");
        }
        String scenario = read.get(0).started().scenario();
        List<String> scenarios =
                read.stream().map(s -> s.started().scenario()).distinct().toList();
        if (scenarios.size() > 1) {
            throw new IllegalArgumentException(
                    "journals of different scenarios " + scenarios + ": merge one run at a time");
        }
        int total =
                expectedShards != null ? expectedShards : read.get(0).shard().total();
        for (ShardJournal s : read) {
            if (s.shard().total() != total) {
                throw new IllegalArgumentException(
                        s.file() + " is shard " + s.shard() + " but the run has " + total + " shards");
            }
        }
        List<GoldNode> fleet = fleetOf(read.get(0));
        for (ShardJournal s : read) {
            if (!fleetOf(s).equals(fleet)) {
                throw new IllegalArgumentException(s.file() + " (shard " + s.shard() + ") has another gold list than "
                        + read.get(0).file() + ": the shards did not run the same fleet");
            }
        }
        // one journal per shard (the selection took one each)
        Map<Integer, ShardJournal> byIndex = new TreeMap<>();
        read.forEach(s -> byIndex.put(s.shard().index(), s));

        // the run's own times, from the shards: the earliest start and the latest end
        String start = read.stream()
                .map(s -> s.started().ts())
                .min(Comparator.comparing(Merge::instant))
                .orElseThrow();
        String end = read.stream()
                .map(ShardJournal::end)
                .max(Comparator.comparing(Merge::instant))
                .orElseThrow();

        String runId = MERGE_PREFIX + RunIds.next(scenario);
        Path dir = Files.createDirectories(out.resolve(runId));
        Path file = dir.resolve(Journal.FILE_NAME);
        RunStarted first = byIndex.values().iterator().next().started();
        List<JournalEvent> merged = new ArrayList<>();
        merged.add(new RunStarted(
                start,
                runId,
                scenario,
                first.controlPlane(),
                fleet.size(),
                "1-" + total + "/" + total,
                ProcessHandle.current().pid(),
                first.jdk(),
                first.commands(),
                first.extensions()));
        for (int index = 1; index <= total; index++) {
            ShardJournal s = byIndex.get(index);
            Shard shard = new Shard(index, total);
            if (s == null) {
                List<GoldNode> slice = shard.slice(fleet);
                merged.add(new GoldList(start, runId, shard.label(), slice));
                merged.add(new JournalEvent.ShardMissing(
                        start,
                        shard.label(),
                        "shard " + shard.label() + " left no journal (its job died without artifacts)",
                        slice.stream().map(GoldNode::publicIp).toList()));
                continue;
            }
            s.events().stream()
                    .filter(e -> !(e instanceof RunStarted) && !(e instanceof JournalEvent.RunFinished))
                    .forEach(merged::add);
            if (!s.finished()) {
                Registry own = Registry.replay(s.events());
                Set<String> done = own.finalEntryByIp().keySet();
                List<String> lost =
                        own.goldIps().stream().filter(ip -> !done.contains(ip)).toList();
                merged.add(new JournalEvent.ShardMissing(
                        s.end(),
                        shard.label(),
                        "the journal of shard " + shard.label() + " ends before run_finished (the job was killed)",
                        lost));
            }
        }
        Registry registry = Registry.replay(merged);
        FleetAssessment a = Monitor.assess(registry);
        merged.add(new JournalEvent.MonitorPass(
                end,
                -1,
                a.ghosts(),
                a.untraceable().stream().map(RegistryEntry::attemptId).toList(),
                a.candidates(),
                a.invariantHolds(),
                a.arithmetic()));
        merged.add(new JournalEvent.RunFinished(
                end, runId, Duration.between(instant(start), instant(end)).toMillis(), false));
        try (Journal journal = Journal.create(file)) {
            for (JournalEvent e : merged) {
                journal.append(e);
            }
        }
        console.println("[lazarus] merged " + byIndex.size() + " of " + total + " shard journal(s) of " + scenario
                + " (" + fleet.size() + " nodes) into " + file
                + (byIndex.size() < total ? "; missing shard(s): " + missingOf(byIndex.keySet(), total) : ""));
        return Rebuild.rebuild(file);
    }

    /** A journal time; one that cannot be read sorts first. */
    private static Instant instant(String ts) {
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }

    private static String missingOf(Set<Integer> present, int total) {
        return Stream.iterate(1, i -> i <= total, i -> i + 1)
                .filter(i -> !present.contains(i))
                .map(i -> i + "/" + total)
                .collect(Collectors.joining(", "));
    }

    private static List<GoldNode> fleetOf(ShardJournal s) {
        return s.gold().fleet() != null ? s.gold().fleet() : s.gold().nodes();
    }

    private static Optional<ShardJournal> read(Path file) {
        List<JournalEvent> events = JournalReader.read(file).events();
        RunStarted started = events.stream()
                .filter(RunStarted.class::isInstance)
                .map(RunStarted.class::cast)
                .findFirst()
                .orElse(null);
        GoldList gold = events.stream()
                .filter(GoldList.class::isInstance)
                .map(GoldList.class::cast)
                .findFirst()
                .orElse(null);
        if (started == null || gold == null || started.runId().startsWith(MERGE_PREFIX)) {
            return Optional.empty(); // died before its gold list: the merge counts the shard as missing
        }
        boolean finished = events.stream().anyMatch(JournalEvent.RunFinished.class::isInstance);
        return Optional.of(new ShardJournal(file, Shard.parse(started.shard()), started, gold, events, finished));
    }
}
