package dev.lazarus.engine;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.plugin.ControlPlanes;
import dev.lazarus.plugin.Extensions;
import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.ScenarioInfo;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * The {@code lazarus} test engine: discovers {@link dev.lazarus.api.Scenario} classes, and runs each as an install on
 * every node of its fleet, one dynamic test per node, plus the fleet-level verdict tests.
 */
public final class LazarusTestEngine implements TestEngine {

    public static final String ENGINE_ID = "lazarus";

    private static final EngineDiscoveryRequestResolver<EngineDescriptor> RESOLVER =
            EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                    .addClassContainerSelectorResolver(ScenarioSelectorResolver::isScannedScenario)
                    .addSelectorResolver(ctx -> new ScenarioSelectorResolver(ctx.getClassNameFilter()))
                    .build();

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.lazarus");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("lazarus-engine");
    }

    /**
     * Finds the scenarios and checks each one's configuration before anything starts. Bad input is reported as a
     * discovery issue naming the scenario class, and the scenario fails at execution with the same message. The issue
     * is a warning: at error the launcher would run none of this engine's scenarios, not only the bad one
     * ({@code junit.platform.discovery.issue.severity.critical=warning} asks for exactly that).
     */
    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Lazarus");
        RESOLVER.resolve(request, engine);
        Parameters parameters = parameters(request.getConfigurationParameters());
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ControlPlanes controlPlanes = ControlPlanes.load(loader);
        Extensions extensions = Extensions.load(loader);
        if (!engine.getChildren().isEmpty()) {
            extensions
                    .reportsMissing()
                    .ifPresent(message ->
                            issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "Lazarus: " + message)));
        }
        for (TestDescriptor child : engine.getChildren()) {
            ScenarioDescriptor scenario = (ScenarioDescriptor) child;
            try {
                ScenarioConfig config = ScenarioConfig.resolve(scenario.scenarioClass(), parameters)
                        .withChecks(scenario.selectedChecks());
                ControlPlane plane = controlPlanes.get(config.controlPlane());
                plane.validate(parameters, config.fleetSize());
                ScenarioInfo info = config.info(plane.knownAddresses(parameters, config.fleetSize()));
                for (NodeLifecycle lifecycle : extensions
                        .enabledFor(config.scenarioClass(), parameters)
                        .lifecycles()) {
                    lifecycle.validate(info);
                }
                scenario.configure(config);
            } catch (LazarusConfigurationException e) {
                scenario.reject(e);
                issues.reportIssue(DiscoveryIssue.builder(
                                Severity.WARNING,
                                "Scenario " + scenario.scenarioClass().getName() + " cannot run: " + e.getMessage())
                        .source(ClassSource.from(scenario.scenarioClass())));
            }
        }
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor engine = request.getRootTestDescriptor();
        SerializedListener listener = new SerializedListener(request.getEngineExecutionListener());
        listener.executionStarted(engine);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (TestDescriptor child : engine.getChildren()) {
            if (child instanceof ScenarioDescriptor scenario) {
                new ScenarioExecution(scenario, request, listener, loader).execute();
            }
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    static Parameters parameters(ConfigurationParameters junit) {
        return Parameters.from(junit::get, junit::keySet);
    }
}
