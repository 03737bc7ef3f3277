package dev.lazarus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.lazarus.engine.fixtures.Fixtures;
import dev.lazarus.engine.fixtures.Gamma;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTest {

    @TempDir
    Path out;

    private EngineTestKit.Builder kit() {
        return EngineTestKit.engine(LazarusTestEngine.ENGINE_ID)
                .configurationParameter("lazarus.output.dir", out.toString());
    }

    private static List<String> scenarioClasses(TestDescriptor engine) {
        return engine.getChildren().stream()
                .map(d -> ((ScenarioDescriptor) d).scenarioClass().getSimpleName())
                .sorted()
                .toList();
    }

    @Test
    void theEngineIsFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(org.junit.platform.engine.TestEngine.class).stream()
                        .map(p -> p.get().getId()))
                .contains("lazarus");
    }

    @Test
    void aClassSelectorFindsItsScenarioWithTheVerdictTests() {
        TestDescriptor engine =
                kit().selectors(selectClass(Fixtures.Alpha.class)).discover().getEngineDescriptor();

        assertThat(engine.getChildren()).singleElement().satisfies(scenario -> {
            assertThat(scenario.getUniqueId().toString())
                    .isEqualTo("[engine:lazarus]/[scenario:" + Fixtures.Alpha.class.getName() + "]");
            assertThat(scenario.getSource()).contains(ClassSource.from(Fixtures.Alpha.class));
            assertThat(scenario.getChildren())
                    .extracting(TestDescriptor::getDisplayName)
                    .containsExactly(
                            "verdict: ghosts", "verdict: untraceable entries", "verdict: accounting invariant");
            assertThat(((ScenarioDescriptor) scenario).config().commands()).containsExactly("echo alpha");
        });
    }

    @Test
    void aClassThatIsNotAScenarioIsIgnored() {
        TestDescriptor engine = kit().selectors(selectClass(Fixtures.NotAScenario.class))
                .discover()
                .getEngineDescriptor();
        assertThat(engine.getChildren()).isEmpty();
    }

    @Test
    void aPackageSelectorFindsTheTopLevelScenariosHonouringClassNameFilters() {
        TestDescriptor engine = kit().selectors(selectPackage(Fixtures.class.getPackageName()))
                .filters(includeClassNamePatterns(".*"))
                .discover()
                .getEngineDescriptor();
        // Alpha, Beta, … are nested in Fixtures: a scan leaves them to whoever selects them directly
        assertThat(scenarioClasses(engine)).containsExactly("Delta", "Gamma");
        assertThat(engine.getChildren())
                .extracting(TestDescriptor::getDisplayName)
                .contains("Delta install");

        TestDescriptor filtered = kit().selectors(selectPackage(Fixtures.class.getPackageName()))
                .filters(includeClassNamePatterns(".*Gamma"))
                .discover()
                .getEngineDescriptor();
        assertThat(scenarioClasses(filtered)).containsExactly("Gamma");
    }

    @Test
    void aClasspathRootSelectorFindsTopLevelScenariosHonouringClassNameFilters() {
        Path testClasses = Path.of(Fixtures.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        TestDescriptor engine = kit().selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters(includeClassNamePatterns(".*\\.fixtures\\..*"))
                .discover()
                .getEngineDescriptor();
        assertThat(scenarioClasses(engine)).containsExactly("Delta", "Gamma");
    }

    @Test
    void aNestedScenarioRunsWhenItsClassIsSelected() {
        TestDescriptor engine = kit().selectors(selectClass(Fixtures.Beta.class), selectClass(Gamma.class))
                .discover()
                .getEngineDescriptor();
        assertThat(scenarioClasses(engine)).containsExactly("Beta", "Gamma");
    }

    @Test
    void aScenarioUniqueIdSelectsTheWholeFleet() {
        UniqueId id = UniqueId.forEngine("lazarus").append("scenario", Fixtures.Alpha.class.getName());
        TestDescriptor engine = kit().selectors(selectUniqueId(id)).discover().getEngineDescriptor();
        assertThat(engine.getChildren())
                .singleElement()
                .satisfies(
                        s -> assertThat(((ScenarioDescriptor) s).selectedIps()).isEmpty());
    }

    @Test
    void aNodeTestUniqueIdSelectsItsScenarioRestrictedToThatNode() {
        UniqueId scenario = UniqueId.forEngine("lazarus").append("scenario", Fixtures.Alpha.class.getName());
        UniqueId node3 = scenario.append("shard", "1").append("node", "127.0.1.3");
        UniqueId node4 = scenario.append("shard", "1").append("node", "127.0.1.4");
        TestDescriptor engine = kit().selectors(selectUniqueId(node3), selectUniqueId(node4))
                .discover()
                .getEngineDescriptor();
        assertThat(engine.getChildren()).singleElement().satisfies(s -> {
            assertThat(s.getUniqueId()).isEqualTo(scenario);
            assertThat(((ScenarioDescriptor) s).selectedIps()).containsExactly("127.0.1.3", "127.0.1.4");
        });
    }

    @Test
    void aClassSelectorBesideANodeUniqueIdRunsTheWholeFleet() {
        UniqueId node = UniqueId.forEngine("lazarus")
                .append("scenario", Fixtures.Alpha.class.getName())
                .append("shard", "1")
                .append("node", "127.0.1.3");
        TestDescriptor engine = kit().selectors(selectUniqueId(node), selectClass(Fixtures.Alpha.class))
                .discover()
                .getEngineDescriptor();
        assertThat(engine.getChildren())
                .singleElement()
                .satisfies(
                        s -> assertThat(((ScenarioDescriptor) s).selectedIps()).isEmpty());
    }

    @Test
    void parametersOverrideAnnotationValues() {
        TestDescriptor engine = kit().selectors(selectClass(Fixtures.Alpha.class))
                .configurationParameter("lazarus.fleet.size", "64")
                .configurationParameter("lazarus.command.tries", "5")
                .configurationParameter("lazarus.concurrency", "8")
                .discover()
                .getEngineDescriptor();
        var config = ((ScenarioDescriptor) engine.getChildren().iterator().next()).config();
        assertThat(config.fleetSize()).isEqualTo(64);
        assertThat(config.commandTries()).isEqualTo(5);
        assertThat(config.concurrency()).isEqualTo(8);
    }
}
