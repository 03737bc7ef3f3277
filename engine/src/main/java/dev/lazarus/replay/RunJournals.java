package dev.lazarus.replay;

import dev.lazarus.config.Shard;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.GoldList;
import dev.lazarus.journal.JournalEvent.GoldNode;
import dev.lazarus.journal.JournalEvent.RunStarted;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The journals the report and merge commands find under their inputs, and which of them they take when the inputs
 * hold several runs (such as {@code scenarios/target/lazarus} after several scenarios, several runs of each).
 *
 * <p>The words: each {@code journal.jsonl} is one <b>run</b>, whose id is its {@code run_started} run id (the name
 * of its folder). Runs that have the same scenario, the same shard count and the same whole gold list are the
 * <b>shards of one sharded run</b> (one run per parallel job; a run that was not sharded is the only shard, 1/1, of
 * its own). A merge's own journal is a run of its own and never a shard of another.
 *
 * <p>The rule ({@link #pick}):
 *
 * <ul>
 *   <li>{@code --run <run-id>} (repeatable) names runs. The report command rebuilds exactly those. The merge takes
 *       each named run for its shard and, for every other shard of the same sharded run, the run that started nearest
 *       in time to the first one named (the shard jobs of one pipeline start together; name a retried job's run too to
 *       take it instead).
 *   <li>without {@code --run}, the newest run is taken (the one whose {@code run_started} is latest), and for every
 *       other shard of its sharded run the newest run of that shard (a retried shard job replaces the one before it).
 *       Because the newest run is newer than every other, "nearest in time to it" and "the newest" are the same
 *       journals: one rule serves both cases.
 * </ul>
 *
 * The merge considers only shard journals (a run that ended before writing its gold list leaves its shard missing,
 * and a merge is never merged again); the report command considers every run, merges included.
 * With an expected shard count ({@code --shards N}) only runs of N shards are considered. Everything else found is
 * ignored, and {@link Picked#note} says what was taken and how many runs were not.
 */
final class RunJournals {

    /** How much of a journal's beginning is read to find its gold list: it comes before any node event. */
    private static final int HEAD_LINES = 10_000;

    private RunJournals() {}

    /**
     * One journal as the selection sees it: its first lines only (run start and gold list).
     *
     * @param gold the shard's gold list; null when the run ended before writing it
     * @param merge whether this is a merge's own journal
     */
    record Found(Path file, RunStarted started, GoldList gold, boolean merge) {

        String runId() {
            return started.runId();
        }

        /** The run folder's name, which is the run id unless the folder was renamed. */
        String folder() {
            Path parent = file.toAbsolutePath().getParent();
            return parent == null || parent.getFileName() == null
                    ? runId()
                    : parent.getFileName().toString();
        }

        boolean named(String id) {
            return runId().equals(id) || folder().equals(id);
        }

        Instant start() {
            try {
                return Instant.parse(started.ts());
            } catch (DateTimeParseException | NullPointerException e) {
                return Instant.EPOCH;
            }
        }

        /** Its shard; a merge's journal and a journal with a shard label that cannot be read count as 1/1. */
        Shard shard() {
            if (merge || started.shard() == null) {
                return Shard.WHOLE;
            }
            try {
                return Shard.parse(started.shard());
            } catch (RuntimeException e) {
                return Shard.WHOLE;
            }
        }

        List<GoldNode> fleet() {
            if (gold == null) {
                return null;
            }
            return gold.fleet() != null ? gold.fleet() : gold.nodes();
        }

        /** What the shards of one sharded run share: scenario, shard count and the whole gold list. */
        Object runKey() {
            return merge
                    ? List.of("merge", file.toAbsolutePath().toString())
                    : List.of(
                            Objects.requireNonNullElse(started.scenario(), ""),
                            shard().total(),
                            Objects.requireNonNullElse(fleet(), List.of()));
        }

        String describe() {
            return runId() + "  " + started.scenario() + "  " + (merge ? "merge" : "shard " + shard().label())
                    + "  started " + started.ts() + (gold == null && !merge ? "  (no gold list)" : "");
        }
    }

    /**
     * What a command takes.
     *
     * @param journals the runs taken, ordered by shard
     * @param ignored every other run found
     * @param note what was taken and what was not, for the console
     */
    record Picked(List<Found> journals, List<Found> ignored, String note) {}

    /**
     * Every {@code journal.jsonl} given or under the given folders, read up to its gold list; with {@code merges}
     * false, merges' own journals are left out (a merge never merges a merge).
     *
     * @throws IllegalArgumentException when an input does not exist
     */
    static List<Found> find(List<Path> inputs, boolean merges) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path in : inputs) {
            if (Files.isRegularFile(in)) {
                files.add(in);
            } else if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(f -> f.getFileName().toString().equals(Journal.FILE_NAME))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                throw new IllegalArgumentException(in + " does not exist");
            }
        }
        List<Found> found = new ArrayList<>();
        for (Path f : files) {
            Found head = head(f);
            if (head != null && (merges || !head.merge())) {
                found.add(head);
            }
        }
        return found;
    }

    /** The journal's run start and gold list, or null when it has no run start (not a Lazarus journal, or empty). */
    static Found head(Path file) throws IOException {
        RunStarted started = null;
        GoldList gold = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int n = 0; n < HEAD_LINES && gold == null && (line = in.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                JournalEvent e;
                try {
                    e = JournalCodec.mapper().readValue(line, JournalEvent.class);
                } catch (IOException bad) {
                    break; // a line cut short by a crash: the head ends here
                }
                if (e instanceof RunStarted s && started == null) {
                    started = s;
                } else if (e instanceof GoldList g) {
                    gold = g;
                }
            }
        }
        if (started == null || started.runId() == null) {
            return null;
        }
        return new Found(file, started, gold, started.runId().startsWith(Merge.MERGE_PREFIX));
    }

    /**
     * Picks the runs a command takes among {@code found}, by the rule of this class.
     *
     * @param runIds the runs named with {@code --run}; empty for the newest
     * @param shards the shard count expected ({@code --shards}), or null for any
     * @param what the command's name, for messages
     * @param merge whether this is the merge's pick: only shard journals count (a run that ended before its gold list
     *     is no candidate: the merge counts its shard as missing), and named runs come with the other shards of their
     *     run; else the report command's: runs named are taken alone
     * @throws IllegalArgumentException when nothing fits: no run found, a run id not found (the message lists the ones
     *     found), no run of the expected shard count, or named runs that are not shards of one run
     */
    static Picked pick(
            List<Found> found, List<String> runIds, Integer shards, List<Path> inputs, String what, boolean merge) {
        String where = inputs.isEmpty()
                ? "(no input given)"
                : inputs.size() <= 3
                        ? inputs.stream().map(Path::toString).collect(Collectors.joining(", "))
                        : "the " + inputs.size() + " journals and folders given";
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no run under " + where + ": no " + Journal.FILE_NAME
                    + " found, nothing to " + what + " (give run folders, journals, or folders that hold run folders)");
        }
        List<Found> candidates = found;
        if (merge) {
            candidates =
                    found.stream().filter(f -> !f.merge() && f.gold() != null).toList();
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no shard journal among the " + found.size() + " run(s) under "
                        + where + ": nothing to " + what + " (every shard job died before writing its gold list?)");
            }
        }
        if (shards != null) {
            candidates = candidates.stream()
                    .filter(f -> !f.merge() && f.shard().total() == shards)
                    .toList();
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException(
                        "no run of " + shards + " shard(s) under " + where + "; the runs found:" + listing(found));
            }
        }
        List<Found> named = new ArrayList<>();
        for (String id : runIds) {
            List<Found> matches = candidates.stream().filter(f -> f.named(id)).toList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("no run " + id + " under " + where
                        + (shards != null ? " among the runs of " + shards + " shard(s)" : "") + "; the runs found:"
                        + listing(shards != null ? candidates : found));
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException("run id " + id + " names " + matches.size() + " journals: "
                        + matches.stream().map(f -> f.file().toString()).collect(Collectors.joining(", "))
                        + "; give the one to take as a file");
            }
            if (!named.contains(matches.get(0))) {
                named.add(matches.get(0));
            }
        }
        if (!merge && !named.isEmpty()) {
            // the report command rebuilds the runs named, and only those
            List<Found> ignored = found.stream().filter(f -> !named.contains(f)).toList();
            String ids = named.stream().map(Found::runId).collect(Collectors.joining(", "));
            return new Picked(
                    List.copyOf(named),
                    ignored,
                    "[lazarus] " + what + ": took run(s) " + ids + ignoredNote(ignored, List.of(), where));
        }
        Comparator<Found> byStart = Comparator.comparing(Found::start)
                .thenComparing(Found::runId)
                .thenComparing(f -> f.file().toString());
        Found anchor = named.isEmpty() ? candidates.stream().max(byStart).orElseThrow() : named.get(0);
        Map<Integer, Found> byShard = new TreeMap<>();
        for (Found n : named) {
            if (!n.runKey().equals(anchor.runKey())) {
                throw new IllegalArgumentException("runs " + anchor.runId() + " and " + n.runId() + " are not shards "
                        + "of one run (another scenario, shard count or gold list): name the runs of one at a time");
            }
            Found before = byShard.put(n.shard().index(), n);
            if (before != null) {
                throw new IllegalArgumentException("runs " + before.runId() + " and " + n.runId() + " are both shard "
                        + n.shard().label() + ": name one run per shard");
            }
        }
        byShard.putIfAbsent(anchor.shard().index(), anchor);
        // every other shard of the anchor's run: the run that started nearest in time to the anchor (the newest, when
        // the anchor is the newest run of all); on a tie, the later one
        Map<Integer, List<Found>> shardsOfRun = new TreeMap<>();
        candidates.stream()
                .filter(f -> f.runKey().equals(anchor.runKey()))
                .forEach(f -> shardsOfRun
                        .computeIfAbsent(f.shard().index(), k -> new ArrayList<>())
                        .add(f));
        Comparator<Found> nearest = Comparator.<Found, Duration>comparing(
                        f -> Duration.between(f.start(), anchor.start()).abs())
                .thenComparing(byStart.reversed());
        shardsOfRun.forEach((index, runs) ->
                byShard.computeIfAbsent(index, k -> runs.stream().min(nearest).orElseThrow()));
        List<Found> journals = List.copyOf(byShard.values());
        List<Found> ignored = found.stream().filter(f -> !journals.contains(f)).toList();
        return new Picked(journals, ignored, note(what, named.isEmpty(), anchor, journals, ignored, where));
    }

    /** The console note: the run taken, how, and how many runs were not. */
    private static String note(
            String what, boolean newest, Found anchor, List<Found> journals, List<Found> ignored, String where) {
        StringBuilder b = new StringBuilder("[lazarus] ").append(what).append(": ");
        b.append(newest ? "took the newest run, " : "took run ")
                .append(anchor.runId())
                .append(" (")
                .append(anchor.started().scenario())
                .append(", started ")
                .append(anchor.started().ts());
        if (anchor.shard().total() > 1) {
            b.append(", shard ").append(anchor.shard().label());
        }
        b.append(")");
        List<Found> others = journals.stream().filter(f -> f != anchor).toList();
        if (!others.isEmpty()) {
            b.append(" with ")
                    .append(others.size())
                    .append(" other shard(s) of its run, ")
                    .append(newest ? "the newest of each" : "each the one started nearest to it")
                    .append(": ")
                    .append(others.stream()
                            .map(f -> f.shard().label() + " " + f.runId())
                            .collect(Collectors.joining(", ")));
        }
        List<Found> sameRun =
                ignored.stream().filter(f -> f.runKey().equals(anchor.runKey())).toList();
        return b.append(ignoredNote(ignored, sameRun, where)).toString();
    }

    private static String ignoredNote(List<Found> ignored, List<Found> sameRun, String where) {
        if (ignored.isEmpty()) {
            return "; no other run under " + where;
        }
        return "; ignored " + ignored.size() + " other run(s) under " + where
                + (sameRun.isEmpty()
                        ? ""
                        : " (" + sameRun.size() + " of them earlier or later runs of the same scenario and fleet)")
                + "; take another with --run <run-id> (a run folder's name)";
    }

    /** The runs found, one a line, newest first. */
    static String listing(List<Found> found) {
        Map<String, Found> byLine = new LinkedHashMap<>();
        found.stream()
                .sorted(Comparator.comparing(Found::start).reversed())
                .forEach(f -> byLine.putIfAbsent(f.describe(), f));
        return byLine.keySet().stream().map(l -> "\n  " + l).collect(Collectors.joining());
    }
}
