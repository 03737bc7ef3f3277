package dev.lazarus.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RunResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** One Lazarus run through the JUnit Platform launcher, as Surefire or an IDE would start it, and what its journal says. */
final class LazarusRun {

    /** What the journal says of a run. */
    record Stats(
            int failures,
            double idealSeconds,
            double controlPlaneSeconds,
            double connectSeconds,
            double commandsSeconds,
            double runSeconds,
            long checksPassed) {}

    private LazarusRun() {}

    /**
     * Runs the scenario into a fresh folder under {@code out}; returns its journal. Reading the journal back
     * ({@link #stats(Path)}) is the benchmark's work, not the run's, so callers time this call alone.
     */
    static Path run(Class<?> scenario, Path out, Map<String, String> parameters) throws Exception {
        Path dir = Files.createTempDirectory(out, "run");
        Map<String, String> all = new HashMap<>(parameters);
        all.put("lazarus.output.dir", dir.toString());
        all.put("lazarus.progress.interval", "0");
        all.put("lazarus.allure.render", "false");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(scenario))
                .configurationParameters(all)
                .build();
        Launcher launcher = LauncherFactory.create();
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the recap, per run
        try {
            launcher.execute(request);
        } finally {
            System.setOut(console);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals("journal.jsonl"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the run left no journal in " + dir));
        }
    }

    /** What the run's journal says. */
    static Stats stats(Path journal) {
        return stats(JournalReader.read(journal).events());
    }

    static Stats stats(List<JournalEvent> events) {
        RunResult result = RunReplay.resultOf(new JournalReader.Contents(events, false));
        FleetAssessment a = result.assessment();
        int failures = a.ghosts().size()
                + (int) a.finalEntryByIp().values().stream()
                        .filter(e -> !e.status().isSuccess())
                        .count();
        double ideal = result.criticalPathMillis() / 1000.0;
        Map<Class<?>, Instant[]> span = new HashMap<>();
        for (JournalEvent e : events) {
            Instant t = Instant.parse(e.ts());
            span.merge(e.getClass(), new Instant[] {t, t}, (x, y) ->
                    new Instant[] {x[0].isBefore(y[0]) ? x[0] : y[0], x[1].isAfter(y[1]) ? x[1] : y[1]});
        }
        Instant started = first(span, JournalEvent.RunStarted.class);
        Instant gold = first(span, JournalEvent.GoldList.class);
        Instant firstAttempt = first(span, JournalEvent.AttemptStarted.class);
        Instant lastConnected = last(span, JournalEvent.Connected.class);
        Instant lastFinished = last(span, JournalEvent.AttemptFinished.class);
        Instant finished = last(span, JournalEvent.RunFinished.class);
        return new Stats(
                failures,
                ideal,
                seconds(started, gold),
                seconds(firstAttempt, lastConnected),
                seconds(firstAttempt, lastFinished),
                seconds(started, finished),
                events.stream()
                        .filter(e -> e instanceof JournalEvent.CheckFinished c
                                && c.outcome().equals("passed"))
                        .count());
    }

    private static Instant first(Map<Class<?>, Instant[]> span, Class<?> type) {
        Instant[] s = span.get(type);
        return s == null ? null : s[0];
    }

    private static Instant last(Map<Class<?>, Instant[]> span, Class<?> type) {
        Instant[] s = span.get(type);
        return s == null ? null : s[1];
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null
                ? Double.NaN
                : Duration.between(from, to).toMillis() / 1000.0;
    }
}
