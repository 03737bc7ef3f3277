package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Inject;
import dev.lazarus.journal.JournalEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code lazarus.console}: the progress line, the recap and the report paths ({@code recap}), one line per scenario
 * ({@code summary}) or nothing ({@code off}); every artifact is written whichever it is.
 */
class ConsoleOutputTest {

    /** One node that fails, one that vanishes (a ghost), two that install. */
    @Scenario(
            fleetSize = 4,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    @Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 1)
    @Inject(fault = "GHOST", count = 1)
    static class Faulty {}

    @Scenario(
            fleetSize = 2,
            commands = {"apt-get update"})
    static class Clean {}

    /**
     * A run that would say all it can: a progress line every 10 ms, the breaker tripping at the first failure, an
     * injection matrix; first pass only, so the ghost stays a ghost.
     */
    private static final String[] TALKATIVE = {
        "lazarus.progress.interval", "10ms",
        "lazarus.max-failures", "0",
        "lazarus.resurrection.rounds", "0",
    };

    @TempDir
    Path out;

    /** What the run printed on {@code System.out} and {@code System.err}. */
    record Console(String out, String err) {

        /** The lines of {@code System.err} that are not SLF4J's own warning (a library's, not Lazarus's). */
        List<String> errLines() {
            return err.lines().filter(l -> !l.startsWith("SLF4J")).toList();
        }

        List<String> outLines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Console capture(Supplier<EngineExecutionResults> run) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            run.get();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Console(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] with(String console) {
        String[] all = Arrays.copyOf(TALKATIVE, TALKATIVE.length + 2);
        all[TALKATIVE.length] = "lazarus.console";
        all[TALKATIVE.length + 1] = console;
        return all;
    }

    /** The run folder of {@code scenario} in {@code out}. */
    private Path runOf(Class<?> scenario) throws IOException {
        try (Stream<Path> runs = Files.list(out)) {
            return runs.filter(p -> p.getFileName().toString().contains("-" + scenario.getSimpleName() + "-"))
                    .reduce((a, b) -> {
                        throw new AssertionError("two runs of " + scenario.getSimpleName());
                    })
                    .orElseThrow(() -> new AssertionError("no run of " + scenario.getSimpleName()));
        }
    }

    @Test
    void offPrintsNothingAndStillWritesEveryArtifact() throws Exception {
        Console console = capture(() -> Runs.execute(out, selectClass(Faulty.class), with("off")));

        assertThat(console.out()).isEmpty();
        assertThat(console.errLines()).isEmpty();
        Path run = Runs.runDir(out);
        assertThat(run.resolve("journal.jsonl")).isNotEmptyFile();
        assertThat(run.resolve("run_summary.json")).isNotEmptyFile();
        assertThat(run.resolve("aggregate_ghost_summary.log")).isNotEmptyFile();
        assertThat(run.resolve("injection_matrix.log")).isNotEmptyFile();
        assertThat(run.resolve("allure-results")).isNotEmptyDirectory();
        assertThat(Runs.events(out))
                .as("the breaker tripped, and said nothing of it")
                .anyMatch(JournalEvent.BreakerTripped.class::isInstance);
    }

    @Test
    void recapPrintsTheProgressLineTheBreakerTheRecapTheMatrixAndTheAllurePath() throws Exception {
        Console console = capture(() -> Runs.execute(out, selectClass(Faulty.class), with("recap")));

        Path run = Runs.runDir(out);
        String runId = run.getFileName().toString();
        assertThat(console.outLines())
                .anyMatch(l -> l.startsWith("[lazarus] Faulty: ") && l.contains(" done, "))
                .anyMatch(l -> l.contains("the breaker is open, no new node attempt starts"))
                .contains(
                        "[lazarus] ── recap: Faulty · run " + runId + " ──",
                        "  invariant     holds: |gold| 4 == |IPs with a final entry| 3 + |ghosts| 1; foreign IPs 0;"
                                + " counted twice 0",
                        "  artifacts     " + run,
                        "[lazarus] ── injection matrix: injected vs detected ──",
                        "[lazarus] Allure results: " + run.resolve("allure-results"))
                .anyMatch(l -> l.startsWith("  statuses      install_success 2 · install_failed 1"));
        assertThat(console.errLines()).isEmpty();
    }

    @Test
    void summaryPrintsOneLinePerScenarioWithItsCountsGhostsInvariantAndFolder() throws Exception {
        Console console = capture(() -> Runs.execute(
                out,
                List.of(selectClass(Faulty.class), selectClass(Clean.class)),
                "lazarus.console",
                "summary",
                "lazarus.progress.interval",
                "10ms",
                "lazarus.resurrection.rounds",
                "0"));

        Path faulty = runOf(Faulty.class);
        Path clean = runOf(Clean.class);
        assertThat(console.outLines())
                .containsExactlyInAnyOrder(
                        "[lazarus] Faulty · run " + faulty.getFileName() + " · install_success 2 · install_failed 1"
                                + " · 1 ghost(s) · invariant holds · artifacts " + faulty,
                        "[lazarus] Clean · run " + clean.getFileName()
                                + " · install_success 2 · 0 ghost(s) · invariant holds · artifacts " + clean);
        assertThat(console.errLines()).isEmpty();
        assertThat(faulty.resolve("injection_matrix.log")).isNotEmptyFile();
        assertThat(clean.resolve("allure-results")).isNotEmptyDirectory();
    }
}
