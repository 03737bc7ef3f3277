package dev.lazarus.replay;

import dev.lazarus.plugin.Extensions;
import dev.lazarus.spi.RunObserver;
import dev.lazarus.spi.RunResult;
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
 * 2 when it could not rebuild.
 *
 * <pre>mvn -q -pl reports -am compile exec:java -Dexec.args="scenarios/target/lazarus/&lt;run-id&gt;"</pre>
 */
public final class Rebuild {

    private Rebuild() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Rebuild <run folder or journal.jsonl> [...]");
            System.exit(2);
        }
        boolean whole = true;
        for (String arg : args) {
            Path path = Path.of(arg);
            Path journal = Files.isDirectory(path) ? path.resolve("journal.jsonl") : path;
            if (!Files.isRegularFile(journal)) {
                System.err.println("no journal at " + journal.toAbsolutePath());
                System.exit(2);
            }
            RunReplay replay;
            try {
                replay = rebuild(journal);
            } catch (Exception e) {
                System.err.println("could not rebuild " + journal + ": " + e.getMessage());
                System.exit(2);
                return;
            }
            whole &= accountsForEveryNode(replay.result());
        }
        System.exit(whole ? 0 : 1);
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
