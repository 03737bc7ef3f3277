package dev.lazarus.monitor;

import dev.lazarus.extension.RunContext;
import dev.lazarus.extension.RunResult;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.registry.Registry;
import dev.lazarus.watchdog.WatchdogTimeout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A run as its journal tells it, and nothing else: the same derivation at the end of a run and when a
 * killed run is reported afterwards. A journal without {@code run_finished} is an interrupted run: its
 * in-flight attempts are closed with the tag {@code interrupted} and the last event they reached.
 */
public record RunReplay(RunContext context, RunResult result) {

    public static RunReplay of(Path journal) {
        return of(journal, JournalReader.read(journal));
    }

    /** The run as {@code contents}, read from {@code journal}, tell it. */
    public static RunReplay of(Path journal, JournalReader.Contents contents) {
        List<JournalEvent> events = contents.events();
        JournalEvent.RunStarted started = events.stream()
                .filter(JournalEvent.RunStarted.class::isInstance)
                .map(JournalEvent.RunStarted.class::cast)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(journal + " has no run_started event: not a Lazarus journal"));
        boolean finished = events.stream().anyMatch(JournalEvent.RunFinished.class::isInstance);
        Registry registry = Registry.replay(events);
        if (!finished) {
            registry = registry.closeInterrupted();
        }
        Optional<WatchdogTimeout> watchdog = events.stream()
                .filter(JournalEvent.WatchdogConfigured.class::isInstance)
                .map(JournalEvent.WatchdogConfigured.class::cast)
                .reduce((a, b) -> b)
                .map(w -> new WatchdogTimeout(
                        Duration.ofSeconds(w.timeoutSeconds()),
                        w.nodeCount(),
                        w.instanceType(),
                        w.scale(),
                        w.maxRetryObserved(),
                        w.overridden()));
        RunContext context = new RunContext(
                started.runId(),
                started.scenario(),
                started.controlPlane(),
                journal.toAbsolutePath().getParent(),
                journal.toAbsolutePath(),
                started.shard(),
                dev.lazarus.config.Parameters.systemProperties());
        Duration wall = between(started.ts(), events.get(events.size() - 1).ts());
        return new RunReplay(
                context,
                new RunResult(
                        registry,
                        Monitor.assess(registry),
                        wall,
                        watchdog,
                        contents.truncatedTail(),
                        !finished,
                        events));
    }

    private static Duration between(String from, String to) {
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to));
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
