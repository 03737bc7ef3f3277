package dev.lazarus.replay;

import dev.lazarus.config.Shard;
import dev.lazarus.journal.Events;
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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <pre>mvn -q -pl reports -am compile exec:java -Dlazarus.main=dev.lazarus.reports.Merge \
 *     -Dexec.args="--out target/merged scenarios/target/lazarus"</pre>
 *
 * Arguments: {@code --out <folder>} (where the merged run folder goes), optionally {@code --shards <N>} (the
 * shard count, when no surviving journal could tell it), then journals, run folders, or folders to search
 * for {@code journal.jsonl}. Exit status 0 when the fleet has no ghost and the invariant holds, 1 when it
 * does not, 2 for bad input.
 */
public final class Merge {

    static final String MERGE_PREFIX = "merge-";

    /** One shard's journal as the merge sees it. */
    record ShardJournal(
            Path file, Shard shard, RunStarted started, GoldList gold, List<JournalEvent> events, boolean finished) {}

    private Merge() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        Integer shards = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--shards" -> shards = Integer.parseInt(value(args, ++i, "--shards"));
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (out == null || inputs.isEmpty()) {
            System.err.println(
                    "usage: Merge --out <folder> [--shards N] <journal | run folder | folder to search> ...");
            System.exit(2);
        }
        FleetAssessment a;
        try {
            a = merge(out, shards, journals(inputs)).result().assessment();
        } catch (IllegalArgumentException e) {
            System.err.println("[lazarus] merge: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(a.ghosts().isEmpty() && a.invariantHolds() ? 0 : 1);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** Every {@code journal.jsonl} under the inputs, except earlier merges' own. */
    public static List<Path> journals(List<Path> inputs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isRegularFile(in)) {
                found.add(in);
            } else if (Files.isDirectory(in)) {
                try (Stream<Path> files = Files.walk(in)) {
                    files.filter(f -> f.getFileName().toString().equals(Journal.FILE_NAME))
                            .filter(f -> !f.getParent().getFileName().toString().startsWith(MERGE_PREFIX))
                            .sorted()
                            .forEach(found::add);
                }
            } else {
                throw new IllegalArgumentException(in + " does not exist");
            }
        }
        return found;
    }

    /** Merges the journals into {@code out/merge-<run id>/journal.jsonl} and rebuilds the reports there. */
    public static RunReplay merge(Path out, Integer expectedShards, List<Path> journals) throws Exception {
        List<ShardJournal> read = new ArrayList<>();
        for (Path j : journals) {
            read(j).ifPresent(read::add);
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException("no shard journal among " + journals.size() + " file(s): nothing to "
                    + "merge (every shard job died before writing its gold list?)");
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
        // a shard run twice (a retried job): the later journal wins
        Map<Integer, ShardJournal> byIndex = new TreeMap<>();
        read.stream()
                .sorted(Comparator.comparing(s -> s.started().ts()))
                .forEach(s -> byIndex.put(s.shard().index(), s));

        String runId = MERGE_PREFIX + RunIds.next(scenario);
        Path dir = Files.createDirectories(out.resolve(runId));
        Path file = dir.resolve(Journal.FILE_NAME);
        RunStarted first = byIndex.values().iterator().next().started();
        List<JournalEvent> merged = new ArrayList<>();
        merged.add(new RunStarted(
                Events.now(),
                runId,
                scenario,
                first.controlPlane(),
                fleet.size(),
                "1-" + total + "/" + total,
                ProcessHandle.current().pid(),
                Runtime.version().toString(),
                first.commands(),
                first.extensions()));
        for (int index = 1; index <= total; index++) {
            ShardJournal s = byIndex.get(index);
            Shard shard = new Shard(index, total);
            if (s == null) {
                List<GoldNode> slice = shard.slice(fleet);
                merged.add(new GoldList(Events.now(), runId, shard.label(), slice));
                merged.add(new JournalEvent.ShardMissing(
                        Events.now(),
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
                        Events.now(),
                        shard.label(),
                        "the journal of shard " + shard.label() + " ends before run_finished (the job was killed)",
                        lost));
            }
        }
        Registry registry = Registry.replay(merged);
        FleetAssessment a = Monitor.assess(registry);
        merged.add(new JournalEvent.MonitorPass(
                Events.now(),
                -1,
                a.ghosts(),
                a.untraceable().stream().map(RegistryEntry::attemptId).toList(),
                a.candidates(),
                a.invariantHolds(),
                a.arithmetic()));
        merged.add(new JournalEvent.RunFinished(Events.now(), runId, 0, false));
        try (Journal journal = Journal.create(file)) {
            for (JournalEvent e : merged) {
                journal.append(e);
            }
        }
        System.out.println("[lazarus] merged " + byIndex.size() + " of " + total + " shard journal(s) of " + scenario
                + " (" + fleet.size() + " nodes) into " + file
                + (byIndex.size() < total ? "; missing shard(s): " + missingOf(byIndex.keySet(), total) : ""));
        return Rebuild.rebuild(file);
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
