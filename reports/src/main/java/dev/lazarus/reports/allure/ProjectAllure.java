package dev.lazarus.reports.allure;

import io.qameta.allure.util.PropertiesUtils;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The Allure setup of the project Lazarus runs in: whether it has one, and its results directory, resolved as
 * Allure's own writer resolves it ({@code allure.results.directory} from the system properties or {@code
 * allure.properties} on the class path, default {@code allure-results} in the working directory), so the node
 * results land beside the project's other tests and one report shows them all.
 */
final class ProjectAllure {

    /** Allure's JUnit Platform listener (allure-junit5, allure-junit-platform), by name: Lazarus does not need it. */
    static final String ALLURE_LISTENER = "io.qameta.allure.junitplatform.AllureJunitPlatform";

    static final String RESULTS_DIRECTORY = "allure.results.directory";

    private ProjectAllure() {}

    /** Where {@code lazarus.allure.results} sends the results. */
    enum Target {
        /** the project's results directory when the project uses Allure, else the run folder */
        AUTO,
        /** the run folder only */
        RUN,
        /** the project's results directory only */
        PROJECT,
        /** both */
        BOTH;

        static Target of(Optional<String> value) {
            String raw = value.map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("auto");
            return switch (raw) {
                case "auto" -> AUTO;
                case "run" -> RUN;
                case "project" -> PROJECT;
                case "both" -> BOTH;
                default ->
                    throw new IllegalArgumentException(AllureReport.RESULTS_TARGET + "='" + raw
                            + "' is not a results target; allowed: auto, run, project, both");
            };
        }

        /** What this target means in a project that does or does not use Allure. */
        Target resolve(boolean projectUsesAllure) {
            return this == AUTO ? (projectUsesAllure ? PROJECT : RUN) : this;
        }

        boolean toProject() {
            return this == PROJECT || this == BOTH;
        }

        boolean keepsRunFolder() {
            return this == RUN || this == BOTH;
        }
    }

    /**
     * Whether the project uses Allure: Allure's JUnit Platform listener is on the class path, an {@code
     * allure.properties} is, or {@code allure.results.directory} is set.
     */
    static boolean projectUsesAllure(ClassLoader loader) {
        return listenerPresent(loader)
                || loader.getResource("allure.properties") != null
                || System.getProperty(RESULTS_DIRECTORY) != null;
    }

    static boolean listenerPresent(ClassLoader loader) {
        try {
            Class.forName(ALLURE_LISTENER, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The project's results directory, as Allure's writer resolves it. */
    static Path resultsDirectory() {
        return Path.of(PropertiesUtils.loadAllureProperties().getProperty(RESULTS_DIRECTORY, "allure-results"))
                .toAbsolutePath();
    }
}
