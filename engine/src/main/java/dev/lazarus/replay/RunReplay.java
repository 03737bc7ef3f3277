package dev.lazarus.replay;

import dev.lazarus.journal.JournalEvent.RunStarted;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.Publications;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import java.nio.file.Path;
import java.util.List;

/**
 * A run as its journal tells it, and nothing else: the same derivation at the end of a run, when a killed run is
 * reported afterwards, and for a merge of shards. A journal without {@code run_finished} is an interrupted run: its
 * in-flight attempts are closed with the tag {@code interrupted} and the last event they reached.
 *
 * @param extensions the ids of the extensions the run had enabled, as it journaled them (empty when it did not)
 */
public record RunReplay(RunContext context, RunResult result, List<String> extensions) {

    public static RunReplay of(Path journal) {
        return of(journal, JournalReader.read(journal));
    }

    /**
     * The run as {@code contents}, read from {@code journal}, tell it. Its context carries the {@code lazarus.*}
     * system properties as parameters and publishes nothing: a replay runs outside JUnit.
     */
    public static RunReplay of(Path journal, JournalReader.Contents contents) {
        RunStarted started = RunResults.started(contents.events())
                .orElseThrow(() ->
                        new IllegalArgumentException(journal + " has no run_started event: not a Lazarus journal"));
        RunContext context = new RunContext(
                started.runId(),
                started.scenario(),
                started.controlPlane(),
                journal.toAbsolutePath().getParent(),
                journal.toAbsolutePath(),
                started.shard(),
                Parameters.systemProperties(),
                Publications.NONE);
        List<String> extensions = started.extensions() == null ? List.of() : started.extensions();
        return new RunReplay(context, RunResults.of(contents), extensions);
    }

    /** The result of the run whose journal lines {@code contents} holds (the run's own end, with its own context). */
    public static RunResult resultOf(JournalReader.Contents contents) {
        return RunResults.of(contents);
    }
}
