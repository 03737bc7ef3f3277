package dev.lazarus.reports.allure;

import dev.lazarus.reports.Report;
import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run as Allure results, written with Allure's own model and results writer into {@code <run>/allure-results}:
 * one result per node attempt (written as each attempt ends, by {@link EarlyResults}), one per fleet verdict with its
 * evidence, categories, environment and executor, and the fleet file of the Fleet plugin ({@link FleetFile}).
 * Everything comes from the run's result and artifacts, so the report command rebuilds it. With
 * {@code lazarus.allure.render=true} it then renders the HTML report with the Allure CLI and publishes its
 * {@code index.html}.
 */
public final class AllureReport implements Report {

    public static final String ID = "allure";
    public static final String RESULTS = "allure-results";
    public static final String REPORT = "allure-report";
    /** {@code true} renders the HTML report after writing the results; default false. */
    public static final String RENDER = "lazarus.allure.render";
    /**
     * Where the results go: {@code auto} (default: the project's Allure results directory when the project uses
     * Allure, else the run folder), {@code run}, {@code project} or {@code both}.
     */
    public static final String RESULTS_TARGET = "lazarus.allure.results";
    /** The Allure command line ({@code …/bin/allure}) used to render. */
    public static final String CLI = "lazarus.allure.cli";

    private final ReportMetadata metadata;
    /** The results written as attempts finished, for the run in progress. */
    private EarlyResults early;

    public AllureReport() {
        this(System.getenv());
    }

    /** With these environment variables instead of the process's (GitLab CI's {@code CI_*} fill executor.json). */
    public AllureReport(Map<String, String> env) {
        this.metadata = new ReportMetadata(env);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String activity() {
        return "writing the Allure report";
    }

    @Override
    public int order() {
        return 100; // after every artifact it attaches has been written
    }

    /**
     * Queues the attempt's result for the run's background writer, so it is on disk before the run ends and a node
     * worker never waits for files; {@link #runFinished} rewrites only the results whose entry changed since (an
     * attempt the gatekeeper resurrected is superseded later).
     */
    @Override
    public synchronized void attemptFinished(RunContext run, RegistryEntry entry, AttemptTimeline timeline)
            throws Exception {
        if (earlyOf(run) == null) {
            early = new EarlyResults(run, new ResultFiles(run.runDir().resolve(RESULTS)));
        }
        early.write(entry, timeline);
    }

    /** The early results of {@code run}, or null; another run's (one that never reached its end) is abandoned. */
    private EarlyResults earlyOf(RunContext run) {
        if (early != null && !early.runId().equals(run.runId())) {
            early.abandon(); // its writer ends the result in hand and goes
            early = null;
        }
        return early;
    }

    @Override
    public synchronized void runFinished(RunContext run, RunResult result) throws Exception {
        Path results = run.runDir().resolve(RESULTS);
        EarlyResults done = earlyOf(run);
        early = null;
        Optional<Map<String, EarlyResults.Written>> written = done == null ? Optional.empty() : done.stop();
        if (written.isPresent()) {
            new ResultsWriter(run, result, done.out(), metadata).writeAll(written.get());
        } else {
            write(run, result, results);
        }
        // the fleet as the run's artifacts give it, for the Fleet widget and tab of the Lazarus Allure plugin
        FleetFile.write(run.runDir(), run.runId(), results);
        results = publish(run, results);
        boolean say = ConsoleOutput.of(run.parameters()) == ConsoleOutput.RECAP;
        if (say) {
            System.out.println("[lazarus] Allure results: " + results);
        }
        if (run.parameters().getBoolean(RENDER).orElse(false)) {
            render(run, results, say);
        }
    }

    /**
     * Hands the run's results to the project's Allure results directory when {@link #RESULTS_TARGET} says so.
     *
     * @return where the results are now (the folder to render)
     */
    private static Path publish(RunContext run, Path results) throws IOException {
        ProjectAllure.Target target = ProjectAllure.Target.of(run.parameters().get(RESULTS_TARGET))
                .resolve(ProjectAllure.projectUsesAllure(Thread.currentThread().getContextClassLoader()));
        if (!target.toProject()) {
            return results;
        }
        return ProjectResults.publish(results, ProjectAllure.resultsDirectory(), target.keepsRunFolder());
    }

    /** Writes the results of the run into {@code results} (emptied first: a rebuild replaces them). */
    void write(RunContext run, RunResult result, Path results) throws IOException {
        if (Files.isDirectory(results)) {
            try (Stream<Path> old = Files.list(results)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        new ResultsWriter(run, result, new ResultFiles(results), metadata).writeAll(Map.of());
    }

    private static void render(RunContext run, Path results, boolean say) throws IOException, InterruptedException {
        Path cli = run.parameters()
                .get(CLI)
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException(
                        RENDER + "=true needs " + CLI + " (the Allure command line, …/bin/allure)"));
        long start = System.nanoTime();
        TrendHistory.carryOver(run, results);
        Path report = AllureCli.render(cli, results, run.runDir().resolve(REPORT));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (say) {
            System.out.printf(
                    Locale.ROOT,
                    "[lazarus] Allure report:  %s  (rendered in %.1f s, %.1f MB; serve it: sh %s open %s)%n",
                    report.resolve("index.html"),
                    millis / 1000.0,
                    AllureCli.size(report) / 1e6,
                    cli,
                    report);
        }
        run.publications().file(report.resolve("index.html"), "text/html");
    }
}
