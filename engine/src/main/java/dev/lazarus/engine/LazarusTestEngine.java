package dev.lazarus.engine;

import dev.lazarus.config.LazarusConfigurationException;
import dev.lazarus.config.Parameters;
import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.controlplane.ControlPlaneFactory;
import dev.lazarus.controlplane.ControlPlanes;
import dev.lazarus.execution.ScenarioRun;
import dev.lazarus.execution.SerializedListener;
import dev.lazarus.extension.NodeLifecycle;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * The {@code lazarus} test engine: discovers {@link dev.lazarus.api.Scenario} classes, and runs each as an
 * install on every node of its fleet, one dynamic test per node, plus the fleet-level verdict tests.
 */
public final class LazarusTestEngine implements TestEngine {

    public static final String ENGINE_ID = "lazarus";

    private static final EngineDiscoveryRequestResolver<EngineDescriptor> RESOLVER =
            EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                    .addClassContainerSelectorResolver(ScenarioSelectorResolver::isScenario)
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

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Lazarus");
        RESOLVER.resolve(request, engine);
        Parameters parameters = new Parameters(request.getConfigurationParameters());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ControlPlanes controlPlanes = ControlPlanes.load(loader);
        for (TestDescriptor child : engine.getChildren()) {
            ScenarioDescriptor scenario = (ScenarioDescriptor) child;
            // Bad input is caught here, naming the parameter or class, before anything is started.
            try {
                ScenarioConfig config = ScenarioConfig.resolve(scenario.scenarioClass(), parameters);
                ControlPlaneFactory controlPlane = controlPlanes.get(config.controlPlane());
                controlPlane.validate(parameters, config.fleetSize());
                for (NodeLifecycle extension : ServiceLoader.load(NodeLifecycle.class, loader)) {
                    extension.validate(
                            scenario.scenarioClass(),
                            parameters,
                            config.fleetSize(),
                            controlPlane.knownAddresses(parameters, config.fleetSize()));
                }
                scenario.configure(config);
            } catch (LazarusConfigurationException e) {
                scenario.reject(e);
            }
        }
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor engine = request.getRootTestDescriptor();
        EngineExecutionListener listener = new SerializedListener(request.getEngineExecutionListener());
        listener.executionStarted(engine);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (TestDescriptor child : engine.getChildren()) {
            if (child instanceof ScenarioDescriptor scenario) {
                new ScenarioRun(scenario, listener, loader).execute();
            }
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }
}
