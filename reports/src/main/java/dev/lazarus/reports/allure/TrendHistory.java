package dev.lazarus.reports.allure;

import dev.lazarus.spi.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Allure's Trend and history across local runs: Allure reads a previous report's {@code history/} from the results
 * it renders, so before rendering, the {@code history/} of the newest earlier report of the same scenario in the
 * same output folder is copied into the results (in CI, a pipeline carries it over the same way).
 */
final class TrendHistory {

    static final String HISTORY = "history";

    private TrendHistory() {}

    /** Copies the previous report's history into {@code results}, if there is one; returns where it came from. */
    static Optional<Path> carryOver(RunContext run, Path results) throws IOException {
        Optional<Path> previous = previousHistory(run);
        if (previous.isEmpty()) {
            return previous;
        }
        Path target = Files.createDirectories(results.resolve(HISTORY));
        try (Stream<Path> files = Files.list(previous.get())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return previous;
    }

    /**
     * The {@code allure-report/history} of the newest other run of this scenario beside this run's folder. Run ids
     * are {@code <utc timestamp>-<scenario>-<random>}, so the name orders them in time and names the scenario.
     */
    static Optional<Path> previousHistory(RunContext run) throws IOException {
        Path runs = run.runDir().getParent();
        if (runs == null || !Files.isDirectory(runs)) {
            return Optional.empty();
        }
        String marker = "-" + run.scenario().replaceAll("[^A-Za-z0-9_.-]", "_") + "-"; // as RunIds names it
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> !d.equals(run.runDir()))
                    .filter(d -> d.getFileName().toString().contains(marker))
                    .filter(d -> d.getFileName().toString().compareTo(run.runId()) < 0)
                    .map(d -> d.resolve(AllureReport.REPORT).resolve(HISTORY))
                    .filter(Files::isDirectory)
                    .max(Comparator.comparing(
                            h -> h.getParent().getParent().getFileName().toString()));
        }
    }
}
