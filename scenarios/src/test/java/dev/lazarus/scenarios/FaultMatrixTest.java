package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Fault;
import dev.lazarus.inject.Inject;
import dev.lazarus.inject.InjectionMatrix;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Every injectable fault in one 512-node run: each detected, named and counted, and nothing else flagged. */
class FaultMatrixTest {

    /**
     * Bounds short enough that stalls and mute nodes are judged in seconds, long enough for the benign faults;
     * first pass only, so every verdict is the injected attempt's.
     */
    private static final String[] FAST = {
        "lazarus.resurrection.rounds", "0",
        "lazarus.watchdog.timeout", "5s",
        "lazarus.ssh.auth-timeout", "4s",
        "lazarus.ssh.connect-attempts", "2",
    };

    @TempDir
    Path out;

    private EngineExecutionResults run(Class<?> scenario, String... more) {
        String[] all = Arrays.copyOf(FAST, FAST.length + more.length);
        System.arraycopy(more, 0, all, FAST.length, more.length);
        return Runs.execute(out, selectClass(scenario), all);
    }

    private static List<JournalEvent.InjectionPlanned> planned(List<JournalEvent> events) {
        return events.stream()
                .filter(JournalEvent.InjectionPlanned.class::isInstance)
                .map(JournalEvent.InjectionPlanned.class::cast)
                .toList();
    }

    @Test
    void everyInjectedFaultIsDetectedAndNoCleanNodeIsFlagged() throws Exception {
        EngineExecutionResults results = run(FaultMatrix.class);

        List<JournalEvent> events = Runs.events(out);
        List<JournalEvent.InjectionPlanned> planned = planned(events);
        List<Fault> nodeFaults =
                Arrays.stream(Fault.values()).filter(f -> !f.isControlPlane()).toList();
        assertThat(planned).hasSize(2 * nodeFaults.size());
        assertThat(planned.stream().map(JournalEvent.InjectionPlanned::publicIp).distinct())
                .hasSize(planned.size());
        int firstAttempt = events.indexOf(events.stream()
                .filter(JournalEvent.AttemptStarted.class::isInstance)
                .findFirst()
                .orElseThrow());
        assertThat(events.subList(firstAttempt, events.size()))
                .as("every injection is journaled before it acts")
                .noneMatch(JournalEvent.InjectionPlanned.class::isInstance);

        // node by node: the expected status and tags on every injected node
        Registry registry = Runs.registry(out);
        FleetAssessment assessment = Monitor.assess(registry);
        for (JournalEvent.InjectionPlanned p : planned) {
            Fault fault = Fault.valueOf(p.fault());
            if (fault == Fault.GHOST) {
                assertThat(assessment.ghosts()).as(p.publicIp()).contains(p.publicIp());
                continue;
            }
            RegistryEntry entry = registry.finalEntryByIp().get(p.publicIp());
            assertThat(entry).as(fault + " on " + p.publicIp()).isNotNull();
            assertThat(entry.status().tag()).as(fault + " on " + p.publicIp()).isEqualTo(fault.expectedStatus());
            assertThat(entry.tags()).as(fault + " on " + p.publicIp()).containsAll(fault.expectedTags());
            assertThat(entry.publicIp())
                    .as("the entry keeps the IP it was bound to")
                    .isEqualTo(p.publicIp());
        }
        Set<String> injected =
                planned.stream().map(JournalEvent.InjectionPlanned::publicIp).collect(Collectors.toSet());
        assertThat(registry.finalEntryByIp())
                .as("every clean node is install_success")
                .allSatisfy((ip, entry) -> {
                    if (!injected.contains(ip)) {
                        assertThat(entry.status()).as(ip).isEqualTo(Status.INSTALL_SUCCESS);
                    }
                });

        // the ghost verdict names exactly the ghost-injected IPs, with the last lifecycle event reached
        Set<String> ghostInjected = planned.stream()
                .filter(p -> p.fault().equals("GHOST"))
                .map(JournalEvent.InjectionPlanned::publicIp)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(assessment.ghosts())).isEqualTo(ghostInjected);
        assertThat(assessment.invariantHolds()).isTrue();
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("verdict: ghosts"),
                                finishedWithFailure(message(m -> m.startsWith("2 ghost(s)")
                                        && ghostInjected.stream()
                                                .allMatch(ip -> m.contains(ip + " (last event: connected)"))))))
                .haveExactly(1, event(test(), displayName("verdict: accounting invariant"), finishedSuccessfully()));

        // JUnit's view: one failed node test per failing fault; under each node its two checks, failed where the
        // port is closed, aborted where the install did not get that far (a crash after the checks leaves them green)
        long failing = nodeFaults.stream().filter(f -> !f.expectsSuccess()).count() * 2;
        long checksAborted = 2 * (failing - 2 - 2);
        long checksFailed = 2;
        results.testEvents()
                .assertStatistics(s -> s.started(512 * 3 + 3)
                        .failed(failing + 1 + checksFailed)
                        .aborted(checksAborted)
                        .succeeded(512 * 3 + 3 - failing - 1 - checksFailed - checksAborted));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(container(), displayName("FaultMatrix"), finishedSuccessfully()));

        // the matrix artifact: 0 missed, 0 false alarms, one row per fault plus the clean nodes
        Path dir = Runs.runDir(out);
        JsonNode matrix =
                JournalCodec.mapper().readTree(dir.resolve(InjectionMatrix.JSON).toFile());
        assertThat(matrix.get("missed").asInt()).isZero();
        assertThat(matrix.get("false_alarms").asInt()).isZero();
        assertThat(matrix.get("rows")).hasSize(nodeFaults.size() + 1);
        matrix.get("rows").forEach(row -> {
            if (!row.get("fault").asText().equals("(clean nodes)")) {
                assertThat(row.get("injected").asInt()).as(row.toString()).isEqualTo(2);
                assertThat(row.get("detected").asInt()).as(row.toString()).isEqualTo(2);
            }
        });
        assertThat(Files.readString(dir.resolve(InjectionMatrix.LOG)))
                .contains("SLOW_BANNER", "GHOST")
                .doesNotContain("MISSED", "FALSE ALARM");
    }

    @Scenario(
            fleetSize = 40,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    @Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 3)
    @Inject(fault = "STDERR_FAILURE", fraction = 0.05)
    static class Seeded {}

    private Map<String, String> plannedFaults(Path dir, String seed) throws Exception {
        Path runOut = Files.createDirectories(out.resolve(dir));
        Runs.execute(runOut, selectClass(Seeded.class), "lazarus.inject.seed", seed);
        return planned(Runs.events(runOut)).stream()
                .collect(Collectors.toMap(
                        JournalEvent.InjectionPlanned::publicIp, JournalEvent.InjectionPlanned::fault));
    }

    @Test
    void theSameSeedPicksTheSameNodes() throws Exception {
        Map<String, String> first = plannedFaults(Path.of("a"), "42");
        assertThat(first).hasSize(5);
        assertThat(plannedFaults(Path.of("b"), "42")).isEqualTo(first);
        assertThat(plannedFaults(Path.of("c"), "43")).hasSize(5).isNotEqualTo(first);
    }

    @Test
    void nodesWithADeclaredBehaviourAreExpectedMisbehaviourNotFalseAlarms() throws Exception {
        run(
                EmbeddedRunTest.Tomcat16.class,
                "lazarus.inject.FORCE_TOMCAT_FAIL_POSTINSTALL",
                "127.0.1.3",
                "lazarus.fleet.size",
                "6",
                "lazarus.embedded.behaviours",
                "5=silent-failure; 127.0.1.6=stderr-failure");

        JsonNode matrix = JournalCodec.mapper()
                .readTree(Runs.runDir(out).resolve(InjectionMatrix.JSON).toFile());
        assertThat(matrix.path("false_alarms").asInt()).isZero();
        assertThat(matrix.path("expected_misbehaviour_ips"))
                .extracting(JsonNode::asText)
                .containsExactly("127.0.1.5", "127.0.1.6");
        assertThat(matrix.path("rows")).anySatisfy(row -> {
            assertThat(row.path("fault").asText()).isEqualTo("(declared behaviours)");
            assertThat(row.path("detected").asInt()).isEqualTo(2);
        });
        assertThat(Files.readString(Runs.runDir(out).resolve(InjectionMatrix.LOG)))
                .contains("expected misbehaviour on 127.0.1.5", "expected misbehaviour on 127.0.1.6")
                .doesNotContain("FALSE ALARM");
        try (Stream<Path> files = Files.list(Runs.runDir(out).resolve("allure-results"))) {
            JsonNode verdict = files.filter(p -> p.toString().endsWith("-result.json"))
                    .map(p -> {
                        try {
                            return JournalCodec.mapper().readTree(p.toFile());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(r -> r.path("name").asText().equals("verdict: injection matrix"))
                    .findFirst()
                    .orElseThrow();
            assertThat(verdict.path("status").asText())
                    .as("Allure's injection matrix verdict")
                    .isEqualTo("passed");
        }
    }

    @Test
    void aParameterSwitchesAnInjectionOnWithoutCode() throws Exception {
        run(
                EmbeddedRunTest.Tomcat16.class,
                "lazarus.inject.FORCE_TOMCAT_FAIL_POSTINSTALL",
                "127.0.1.3",
                "lazarus.fleet.size",
                "4");
        RegistryEntry entry = Runs.registry(out).finalEntryByIp().get("127.0.1.3");
        assertThat(entry.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(entry.tags())
                .contains("future_exception", "synthetic_crash_post_install", "install_success_achieved_before_crash");
        assertThat(entry.commands())
                .as("every command ran before the crash")
                .hasSize(4)
                .allSatisfy(c -> assertThat(c.exitStatus()).isZero());
    }

    @Test
    void controlPlaneFaultsActThroughTheEc2EmulatorAndAreDetectedToo() throws Exception {
        EngineExecutionResults results = run(
                EmbeddedRunTest.Tomcat16.class,
                "lazarus.control-plane",
                "ec2-emulated",
                "lazarus.fleet.size",
                "8",
                "lazarus.ec2.ip-timeout",
                "2s",
                "lazarus.inject.THROTTLE",
                "0.3",
                "lazarus.inject.NO_IP",
                "2",
                "lazarus.inject.FORCE_TOMCAT_FAIL",
                "1");

        List<JournalEvent> events = Runs.events(out);
        int goldAt = events.indexOf(events.stream()
                .filter(JournalEvent.GoldList.class::isInstance)
                .findFirst()
                .orElseThrow());
        assertThat(events.subList(0, goldAt))
                .as("control-plane injections are journaled before provisioning acts")
                .filteredOn(JournalEvent.InjectionPlanned.class::isInstance)
                .hasSize(3);
        results.testEvents()
                .failed()
                .assertThatEvents()
                .filteredOn(e -> e.getTestDescriptor().getDisplayName().startsWith("instance "))
                .hasSize(2);

        JsonNode matrix = JournalCodec.mapper()
                .readTree(Runs.runDir(out).resolve(InjectionMatrix.JSON).toFile());
        assertThat(matrix.get("missed").asInt()).isZero();
        assertThat(matrix.get("false_alarms").asInt()).isZero();
        Map<String, int[]> rows = new HashMap<>();
        matrix.get("rows")
                .forEach(r -> rows.put(
                        r.get("fault").asText(),
                        new int[] {r.get("injected").asInt(), r.get("detected").asInt()}));
        assertThat(rows.get("THROTTLE")).containsExactly(1, 1);
        assertThat(rows.get("NO_IP")).containsExactly(2, 2);
        assertThat(rows.get("FORCE_TOMCAT_FAIL")).containsExactly(1, 1);
    }

    @Test
    void badInjectionParametersFailTheScenarioNamingTheParameterAndTheAllowedValues() {
        assertThat(failure("lazarus.inject.THROTTLE", "0.2"))
                .contains("lazarus.inject.THROTTLE", "lazarus.control-plane=ec2-emulated");
        assertThat(failure("lazarus.inject.FORCE_TOMCAT_FAIL_IDX7", "2"))
                .contains("lazarus.inject.FORCE_TOMCAT_FAIL_IDX7", "allowed:", "FORCE_TOMCAT_FAIL_IDX1", "GHOST");
        assertThat(failure("lazarus.inject.GHOST", "1.5")).contains("lazarus.inject.GHOST", "0..1");
        assertThat(failure("lazarus.inject.STALL", "10.9.9.9"))
                .contains("lazarus.inject.STALL", "10.9.9.9", "not in the gold list");
    }

    private String failure(String key, String value) {
        EngineExecutionResults results = Runs.execute(out, selectClass(EmbeddedRunTest.Tomcat16.class), key, value);
        results.testEvents().assertStatistics(s -> s.started(0));
        return results.containerEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .collect(Collectors.joining("\n"));
    }
}
