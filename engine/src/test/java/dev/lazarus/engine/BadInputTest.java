package dev.lazarus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.lazarus.engine.fixtures.Fixtures;
import dev.lazarus.spi.LazarusConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Bad input fails discovery with one message that names the parameter or class. */
class BadInputTest {

    @TempDir
    Path out;

    private String discoveryFailure(Class<?> scenario, String... keyValues) {
        EngineTestKit.Builder kit = EngineTestKit.engine(LazarusTestEngine.ENGINE_ID)
                .configurationParameter("lazarus.output.dir", out.toString())
                .selectors(selectClass(scenario));
        for (int i = 0; i < keyValues.length; i += 2) {
            kit.configurationParameter(keyValues[i], keyValues[i + 1]);
        }
        ScenarioDescriptor discovered = (ScenarioDescriptor)
                kit.discover().getEngineDescriptor().getChildren().iterator().next();
        return discovered
                .configurationError()
                .orElseThrow(() -> new AssertionError("discovery accepted it"))
                .getMessage();
    }

    @Test
    void badInputIsADiscoveryIssueOnTheScenarioClassThatLeavesTheOtherScenariosToRun() {
        EngineDiscoveryResults discovered = EngineTestKit.engine(LazarusTestEngine.ENGINE_ID)
                .configurationParameter("lazarus.output.dir", out.toString())
                .selectors(selectClass(Fixtures.Alpha.class), selectClass(Fixtures.NoCommands.class))
                .discover();
        assertThat(discovered.getDiscoveryIssues())
                .filteredOn(issue -> !issue.message().startsWith("Lazarus: no reports"))
                .singleElement()
                .satisfies(issue -> {
                    assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
                    assertThat(issue.message())
                            .startsWith("Scenario " + Fixtures.NoCommands.class.getName() + " cannot run: ")
                            .contains("has no commands");
                    assertThat(issue.source()).contains(ClassSource.from(Fixtures.NoCommands.class));
                });
        assertThat(discovered.getEngineDescriptor().getChildren())
                .as("the good scenario is still there")
                .hasSize(2);
    }

    @Test
    void withoutTheReportsModuleDiscoveryWarnsThatOnlyTheJournalWillBeWritten() {
        // this module's test class path has the engine but not lazarus-reports
        EngineDiscoveryResults discovered = EngineTestKit.engine(LazarusTestEngine.ENGINE_ID)
                .configurationParameter("lazarus.output.dir", out.toString())
                .selectors(selectClass(Fixtures.Alpha.class))
                .discover();
        assertThat(discovered.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message())
                    .startsWith("Lazarus: no reports on the class path")
                    .contains("journal only", "add dev.lazarus:lazarus (the starter) or dev.lazarus:lazarus-reports");
        });
    }

    @Test
    void aMissingDefaultControlPlaneNamesTheArtifactsToAdd() {
        // the embedded fleet is not on this module's test class path
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.control-plane", "embedded"))
                .isEqualTo("the default control plane 'embedded' (the embedded simulated fleet) is not on the class"
                        + " path (control planes there: inventory, static): add dev.lazarus:lazarus (the starter) or"
                        + " dev.lazarus:lazarus-embedded-fleet to the test dependencies, or name another with"
                        + " lazarus.control-plane");
    }

    @Test
    void aRejectedScenarioFailsWithTheMessageAndStartsNothing() throws Exception {
        EngineExecutionResults results = EngineTestKit.engine(LazarusTestEngine.ENGINE_ID)
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter("lazarus.fleet.size", "0")
                .selectors(selectClass(Fixtures.Alpha.class))
                .execute();
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(Fixtures.Alpha.class),
                                finishedWithFailure(
                                        instanceOf(LazarusConfigurationException.class),
                                        message(m -> m.contains("lazarus.fleet.size=0")))));
        results.testEvents().assertStatistics(s -> s.started(0).skipped(3));
        try (var files = Files.list(out)) {
            assertThat(files).as("no run folder").isEmpty();
        }
    }

    @Test
    void unknownControlPlane() {
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.control-plane", "azure"))
                .contains("lazarus.control-plane='azure'")
                .contains("allowed: inventory, static");
    }

    @Test
    void fleetSizeZeroNegativeOrAbsurd() {
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.fleet.size", "0"))
                .contains("lazarus.fleet.size=0")
                .contains("allowed: 1..50000");
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.fleet.size", "-5"))
                .contains("lazarus.fleet.size=-5");
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.fleet.size", "10000000"))
                .contains("lazarus.fleet.size=10000000");
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.fleet.size", "lots"))
                .contains("lazarus.fleet.size='lots' is not a whole number");
        assertThat(discoveryFailure(Fixtures.EmptyFleet.class))
                .contains(Fixtures.EmptyFleet.class.getName())
                .contains("fleetSize=0");
    }

    @Test
    void unknownParameterValues() {
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.command.tries", "0"))
                .contains("lazarus.command.tries=0")
                .contains("allowed: 1..20");
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.command.retry-pause", "soon"))
                .contains("lazarus.command.retry-pause='soon' is not a duration");
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.watchdog.timeout", "0"))
                .contains("lazarus.watchdog.timeout=0");
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.static.reject", "yes"))
                .contains("lazarus.static.reject");
    }

    @Test
    void anUnknownConsoleNamesTheAcceptedValues() {
        assertThat(discoveryFailure(Fixtures.Alpha.class, "lazarus.console", "verbose"))
                .contains("lazarus.console='verbose' is not allowed")
                .contains("allowed: recap, summary, off");
    }

    @Test
    void aScenarioWithoutCommands() {
        assertThat(discoveryFailure(Fixtures.NoCommands.class))
                .contains(Fixtures.NoCommands.class.getName())
                .contains("has no commands");
    }

    @Test
    void anUnwritableOutputFolder() throws Exception {
        Path file = Files.writeString(out.resolve("a-file"), "not a folder");
        assertThat(discoveryFailure(
                        Fixtures.Alpha.class,
                        "lazarus.output.dir",
                        file.resolve("runs").toString()))
                .contains("lazarus.output.dir=")
                .contains("cannot be created or written");
    }
}
