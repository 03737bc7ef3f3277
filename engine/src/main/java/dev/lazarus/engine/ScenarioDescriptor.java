package dev.lazarus.engine;

import dev.lazarus.api.Scenario;
import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.spi.LazarusConfigurationException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A scenario class. Its source is the class, so Surefire and IDEs count its tests. Node tests are
 * registered under it at execution, when the control plane has produced the gold list.
 */
final class ScenarioDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "scenario";

    private final Class<?> scenarioClass;
    private final Set<String> selectedIps = new LinkedHashSet<>();
    private final Set<String> selectedChecks = new LinkedHashSet<>();
    private boolean wholeFleet;
    private boolean everyCheck;
    private ScenarioConfig config;
    private LazarusConfigurationException configurationError;

    /** A scenario with its verdict tests, which are known before the run. */
    static ScenarioDescriptor create(UniqueId parentId, Class<?> scenarioClass) {
        ScenarioDescriptor scenario = new ScenarioDescriptor(parentId, scenarioClass);
        for (VerdictDescriptor.Kind kind : VerdictDescriptor.Kind.values()) {
            scenario.addChild(new VerdictDescriptor(scenario.getUniqueId(), kind, scenarioClass));
        }
        return scenario;
    }

    private ScenarioDescriptor(UniqueId parentId, Class<?> scenarioClass) {
        super(
                parentId.append(SEGMENT, scenarioClass.getName()),
                displayName(scenarioClass),
                ClassSource.from(scenarioClass));
        this.scenarioClass = scenarioClass;
    }

    Class<?> scenarioClass() {
        return scenarioClass;
    }

    /** Selects the whole fleet (a class, package or root selector). */
    void selectWholeFleet() {
        wholeFleet = true;
        selectedIps.clear();
    }

    /** Selects one node (a node test's unique id), unless the whole fleet already is. */
    void selectNode(String ip) {
        if (!wholeFleet) {
            selectedIps.add(ip);
        }
    }

    /** Selects every node check (a class, package or root selector, a node's or the scenario's unique id). */
    void selectEveryCheck() {
        everyCheck = true;
        selectedChecks.clear();
    }

    /** Selects one node check (a method selector, a check's unique id), unless every check already is. */
    void selectCheck(String check) {
        if (!everyCheck) {
            selectedChecks.add(check);
        }
    }

    /** The node checks an IDE asked to run, or empty for all of them. */
    Set<String> selectedChecks() {
        return everyCheck ? Set.of() : Collections.unmodifiableSet(selectedChecks);
    }

    /** The nodes an IDE asked to re-run, or empty for the whole fleet. */
    Set<String> selectedIps() {
        return wholeFleet ? Set.of() : Collections.unmodifiableSet(selectedIps);
    }

    void configure(ScenarioConfig config) {
        this.config = config;
    }

    private static String displayName(Class<?> scenarioClass) {
        Scenario scenario = scenarioClass.getAnnotation(Scenario.class);
        return scenario == null || scenario.name().isBlank()
                ? scenarioClass.getSimpleName()
                : scenario.name().strip();
    }

    /**
     * Bad input found at discovery. The scenario then fails at execution with this message, before anything
     * is started: a failed container names the parameter in every runner's output (Surefire prints only
     * "failed to discover tests" for an exception thrown from discovery).
     */
    void reject(LazarusConfigurationException error) {
        this.configurationError = error;
    }

    Optional<LazarusConfigurationException> configurationError() {
        return Optional.ofNullable(configurationError);
    }

    ScenarioConfig config() {
        return Optional.ofNullable(config).orElseThrow(() -> new IllegalStateException("not configured: " + this));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
