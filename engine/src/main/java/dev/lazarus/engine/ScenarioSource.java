package dev.lazarus.engine;

import java.util.List;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.CompositeTestSource;

/**
 * The source of everything below a scenario (shards, rounds, node and verdict tests): its class, so an IDE navigates
 * from a node's result to the scenario that installed it. Wrapped in a composite source because build tools read a
 * bare {@link ClassSource} as a test class: Surefire opens a test set of its own for such a container and leaves such
 * a test nameless in its XML, where a node test must appear by its name (its IP). IDEs look inside the composite.
 */
final class ScenarioSource {

    private ScenarioSource() {}

    static TestSource of(Class<?> scenarioClass) {
        return CompositeTestSource.from(List.of(ClassSource.from(scenarioClass)));
    }
}
