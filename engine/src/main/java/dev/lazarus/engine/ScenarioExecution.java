package dev.lazarus.engine;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.plugin.ControlPlanes;
import dev.lazarus.plugin.Extensions;
import dev.lazarus.run.ScenarioRun;
import dev.lazarus.spi.LazarusConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Executes one scenario descriptor: a scenario rejected at discovery fails with its message and starts nothing; a
 * scenario the launcher cancelled before it began is skipped; otherwise its run goes, cancelled by the launcher's
 * token or a signal, into the folder {@code lazarus.output.dir} names or the launcher's output folder.
 */
final class ScenarioExecution {

    private final ScenarioDescriptor scenario;
    private final ExecutionRequest request;
    private final SerializedListener listener;
    private final ClassLoader loader;

    ScenarioExecution(
            ScenarioDescriptor scenario, ExecutionRequest request, SerializedListener listener, ClassLoader loader) {
        this.scenario = scenario;
        this.request = request;
        this.listener = listener;
        this.loader = loader;
    }

    void execute() {
        CancellationToken token = request.getCancellationToken();
        if (token.isCancellationRequested()) {
            listener.executionSkipped(scenario, "the launcher cancelled the run before this scenario began");
            return;
        }
        TestTree tree = new TestTree(scenario, listener);
        tree.scenarioStarted();
        if (scenario.configurationError().isPresent()) {
            LazarusConfigurationException error = scenario.configurationError().get();
            tree.skipVerdicts("bad configuration: " + error.getMessage());
            tree.scenarioFinished(TestExecutionResult.failed(error));
            return;
        }
        TestExecutionResult result;
        try {
            result = run(tree, token);
        } catch (Exception e) {
            tree.skipVerdicts("the run ended before verdicts: " + e.getMessage());
            result = TestExecutionResult.failed(e);
        }
        tree.scenarioFinished(result);
    }

    private TestExecutionResult run(TestTree tree, CancellationToken token) throws Exception {
        ScenarioConfig config = scenario.config();
        Path outputDir = config.outputDir().orElseGet(this::launcherOutputDir);
        List<Throwable> failures;
        try (LauncherCancellation cancelling = LauncherCancellation.watch(token, config.cancelTimeout())) {
            failures = new ScenarioRun(
                            config,
                            scenario.selectedIps(),
                            ControlPlanes.load(loader).get(config.controlPlane()),
                            Extensions.load(loader).enabledFor(config.scenarioClass(), config.parameters()),
                            cancelling.run(),
                            tree)
                    .execute(outputDir, tree);
        }
        if (failures.isEmpty()) {
            return TestExecutionResult.successful();
        }
        IllegalStateException e = new IllegalStateException(failures.size() + " report observer(s) failed; the "
                + "journal is complete and the reports can be rebuilt from it: "
                + failures.get(0).getMessage());
        failures.forEach(e::addSuppressed);
        return TestExecutionResult.failed(e);
    }

    /** The engine's folder in the launcher's output folder (under Maven {@code target/lazarus}). */
    private Path launcherOutputDir() {
        try {
            return request.getOutputDirectoryCreator().createOutputDirectory(request.getRootTestDescriptor());
        } catch (IOException | RuntimeException e) {
            throw new LazarusConfigurationException(
                    "no lazarus.output.dir is set and the launcher's output folder " + "could not be created ("
                            + e.getMessage() + "); set lazarus.output.dir",
                    e);
        }
    }
}
