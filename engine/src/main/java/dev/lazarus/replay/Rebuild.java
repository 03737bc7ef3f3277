package dev.lazarus.replay;

import dev.lazarus.journal.Journal;
import dev.lazarus.plugin.Extensions;
import dev.lazarus.spi.RunObserver;
import dev.lazarus.spi.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report command: rebuilds a run's registry, artifacts and verdicts from its journal alone, in the journal's
 * folder, with the reporting extensions the run had enabled (and those on by default), and prints the recap. For a
 * run that was killed (no {@code run_finished}), in-flight nodes get the tag {@code interrupted} with the last
 * lifecycle event they reached, and a last monitor pass gives its ghosts their forensics. Exit status: 0 when every
 * run it rebuilt accounts for every node (no ghost, no interrupted node, the invariant holds), 1 when one does not,
 * 2 when it could not rebuild (bad arguments, no journal, a run id that is not there, a rebuild that failed).
 *
 * <pre>mvn -q -pl reports -am compile exec:java -Dexec.args="scenarios/target/lazarus/&lt;run-id&gt;"</pre>
 *
 * Arguments: run folders or journals, each rebuilt; or folders that hold run folders (such as
 * {@code scenarios/target/lazarus}), where {@link RunJournals}' rule picks what is rebuilt: {@code --run <run-id>}
 * (repeatable) rebuilds the runs named, else the newest run is rebuilt, with the newest run of each other shard of a
 * sharded run (each in its own folder). Merges' folders count as runs too.
 */
public final class Rebuild {

    static final String USAGE =
            "usage: Rebuild [--run <run-id>]... <run folder | journal.jsonl | folder holding run folders> ...";

    private Rebuild() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** The command, without exiting: rebuilds what {@code args} name and returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        List<String> runIds = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--run")) {
                    runIds.add(Merge.value(args, ++i, "--run"));
                } else if (args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                } else {
                    inputs.add(Path.of(args[i]));
                }
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no run folder or journal given");
            }
        } catch (IllegalArgumentException e) {
            err.println("[lazarus] report: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        List<Path> journals;
        try {
            journals = journals(runIds, inputs, out);
        } catch (IllegalArgumentException e) {
            err.println("[lazarus] report: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("[lazarus] report: cannot read " + inputs + ": " + e);
            return 2;
        }
        boolean whole = true;
        for (Path journal : journals) {
            RunReplay replay;
            try {
                replay = rebuild(journal);
            } catch (Exception e) {
                err.println("[lazarus] report: could not rebuild " + journal + ": " + e.getMessage());
                return 2;
            }
            whole &= accountsForEveryNode(replay.result());
        }
        return whole ? 0 : 1;
    }

    /**
     * The journals to rebuild: every journal and run folder given, when that is all that was given and no run was
     * named; else what {@link RunJournals}' rule picks among every journal found (a note on {@code console} says what).
     */
    static List<Path> journals(List<String> runIds, List<Path> inputs, PrintStream console) throws IOException {
        List<Path> direct = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isRegularFile(in)) {
                direct.add(in);
            } else if (Files.isRegularFile(in.resolve(Journal.FILE_NAME))) {
                direct.add(in.resolve(Journal.FILE_NAME));
            } else if (!Files.isDirectory(in)) {
                throw new IllegalArgumentException("no journal at " + in.toAbsolutePath() + " (it does not exist)");
            }
        }
        if (runIds.isEmpty() && direct.size() == inputs.size()) {
            return direct;
        }
        RunJournals.Picked picked =
                RunJournals.pick(RunJournals.find(inputs, true), runIds, null, inputs, "report", false);
        console.println(picked.note());
        return picked.journals().stream().map(RunJournals.Found::file).toList();
    }

    /** No ghost, no node the run was killed under, and the accounting invariant holds. */
    static boolean accountsForEveryNode(RunResult result) {
        return result.assessment().ghosts().isEmpty()
                && result.assessment().invariantHolds()
                && result.assessment().finalEntryByIp().values().stream()
                        .noneMatch(e -> e.tags().contains("interrupted"));
    }

    /** Rebuilds every report of the run whose journal this is; returns the replay it reported. */
    public static RunReplay rebuild(Path journal) throws Exception {
        RunReplay replay = RunReplay.of(journal);
        List<RunObserver> observers = Extensions.load(Rebuild.class.getClassLoader())
                .enabledByIds(replay.extensions(), replay.context().parameters())
                .observers();
        List<Exception> failures = new ArrayList<>();
        for (RunObserver observer : observers) {
            try {
                observer.runFinished(replay.context(), replay.result());
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            Exception e =
                    new IllegalStateException("rebuilding the reports of " + journal + " failed", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        return replay;
    }
}
