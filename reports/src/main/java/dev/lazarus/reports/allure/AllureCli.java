package dev.lazarus.reports.allure;

import dev.lazarus.spi.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders an HTML report from Allure results with the real Allure command line ({@code allure generate}). */
public final class AllureCli {

    /** Longest a generation may take; a 2,000-node report takes seconds. */
    static final long TIMEOUT_MINUTES = 10;

    private AllureCli() {}

    /**
     * Runs {@code allure generate <results> -o <report> --clean}; its output goes to
     * {@code allure-generate.log} beside the report.
     *
     * @return the report folder
     */
    public static Path render(Path cli, Path results, Path report) throws IOException, InterruptedException {
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("the Allure command line is not at " + cli + " (build the scenarios module "
                    + "once: it unpacks io.qameta.allure:allure-commandline into target/allure-cli)");
        }
        Path log = report.resolveSibling("allure-generate.log");
        // through sh: an unpacked zip loses the script's executable bit
        Process p = new ProcessBuilder(List.of(
                        "sh", cli.toString(), "generate", results.toString(), "-o", report.toString(), "--clean"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(
                        "allure generate did not finish within " + TIMEOUT_MINUTES + " min; see " + log);
            }
        } finally {
            p.destroyForcibly();
        }
        ArtifactFiles.readable(log);
        if (p.exitValue() != 0 || !Files.isRegularFile(report.resolve("index.html"))) {
            throw new IllegalStateException(
                    "allure generate failed (exit " + p.exitValue() + "): " + Files.readString(log));
        }
        ArtifactFiles.readableTree(report); // written by another process, as its umask says
        return report;
    }

    /** Bytes under {@code dir}. */
    public static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }
}
