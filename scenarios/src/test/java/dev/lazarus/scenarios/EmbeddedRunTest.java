package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** End to end through the engine: SSH (sshj) to simulated MINA nodes, journal, registry, verdicts, artifacts. */
class EmbeddedRunTest {

    static final String[] TOMCAT = {
        "apt-get update",
        "apt-get install -y tomcat10",
        "systemctl enable --now tomcat10",
        "curl -sf http://localhost:8080/"
    };

    @Scenario(
            fleetSize = 16,
            commands = {
                "apt-get update",
                "apt-get install -y tomcat10",
                "systemctl enable --now tomcat10",
                "curl -sf http://localhost:8080/"
            })
    static class Tomcat16 {}

    @Scenario(
            fleetSize = 3,
            commandTries = 2,
            commands = {"apt-get update", "apt-get install -y tomcat99"})
    static class MissingPackage {}

    @TempDir
    Path out;

    private EngineExecutionResults run(DiscoverySelector selector, String... keyValues) {
        return Runs.execute(out, selector, keyValues);
    }

    private Path runDir() throws IOException {
        return Runs.runDir(out);
    }

    private Registry registry() throws IOException {
        return Runs.registry(out);
    }

    private RegistryEntry entryOf(String ip) throws IOException {
        return registry().finalEntryByIp().get(ip);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void sixteenNodesInstallTomcatAsSixteenDynamicTestsAndTheVerdictsPass() throws Exception {
        EngineExecutionResults results = run(selectClass(Tomcat16.class));

        results.allEvents()
                .dynamicallyRegistered()
                .assertThatEvents()
                .filteredOn(e -> e.getTestDescriptor().isTest())
                .hasSize(16)
                .allSatisfy(e -> assertThat(e.getTestDescriptor().getDisplayName())
                        .matches("node 127\\.0\\.1\\.\\d+: attempt 1"));
        results.testEvents().assertStatistics(s -> s.started(19).succeeded(19).failed(0));
        results.testEvents()
                .succeeded()
                .assertThatEvents()
                .haveExactly(1, event(test(), displayName("verdict: ghosts")))
                .haveExactly(1, event(test(), displayName("verdict: accounting invariant")));
        results.containerEvents().assertStatistics(s -> s.failed(0));

        Path dir = runDir();
        assertThat(lines(dir.resolve("aggregate_chunk_gold_ip_list.log")))
                .hasSize(16)
                .startsWith("127.0.1.1", "127.0.1.2");
        assertThat(lines(dir.resolve("successful_registry_ips_artifact.log"))).hasSize(16);
        assertThat(lines(dir.resolve("total_registry_ips_artifact.log"))).hasSize(16);
        assertThat(lines(dir.resolve("failed_registry_ips_artifact.log"))).isEmpty();
        assertThat(lines(dir.resolve("missing_registry_ips_artifact.log"))).isEmpty();
        assertThat(lines(dir.resolve("aggregate_ghost_summary.log"))).isEmpty();

        JsonNode registry = JournalCodec.mapper()
                .readTree(dir.resolve("final_aggregate_execution_run_registry.json")
                        .toFile());
        assertThat(registry.size()).isEqualTo(16);
        registry.elements().forEachRemaining(entry -> {
            assertThat(entry.get("status").asText()).isEqualTo("install_success");
            assertThat(entry.get("public_ip").asText()).startsWith("127.0.1.");
            assertThat(entry.get("commands")).hasSize(4);
            assertThat(entry.get("thread_uuid").asText()).isNotBlank();
        });

        List<JournalEvent> events =
                JournalReader.read(dir.resolve("journal.jsonl")).events();
        int gold = indexOf(events, JournalEvent.GoldList.class);
        int firstAttempt = indexOf(events, JournalEvent.AttemptStarted.class);
        assertThat(gold)
                .as("the gold list is journaled before any install starts")
                .isLessThan(firstAttempt);
        assertThat(events.get(events.size() - 1)).isInstanceOf(JournalEvent.RunFinished.class);
        assertThat(((JournalEvent.RunStarted) events.get(0)).extensions())
                .as("the reports ran; fault injection, on the class path, did not: the scenario has no @Inject")
                .containsExactlyInAnyOrder("registry-artifacts", "recap", "resurrection-artifacts", "allure");
    }

    private static int indexOf(List<JournalEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aNodeWhoseInstallFailsWithStderrIsInstallFailed() throws Exception {
        EngineExecutionResults results =
                run(selectClass(Tomcat16.class), "lazarus.embedded.behaviours", "2=stderr-failure@apt-get install");

        results.testEvents().assertStatistics(s -> s.succeeded(18).failed(1));
        results.testEvents().failed().assertThatEvents().singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("node 127.0.1.2: attempt 1");
        });
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("node 127.0.1.2: attempt 1"),
                                finishedWithFailure(
                                        message(m -> m.startsWith("install_failed [install_failed, command_retry_2, "
                                                        + "fatal_exit_nonzero, exit_status_1")
                                                && m.contains("at command 2/4 `apt-get install -y tomcat10`")
                                                && m.contains("E: simulated failure on node 127.0.1.2")))));

        RegistryEntry entry = entryOf("127.0.1.2");
        assertThat(entry.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(entry.tags()).contains("fatal_exit_nonzero", "exit_status_1", "command_retry_2");
        assertThat(entry.commands().get(1).tries()).isEqualTo(3);
        assertThat(entry.commands().get(1).stderr()).containsExactly("E: simulated failure on node 127.0.1.2");
        assertThat(lines(runDir().resolve("failed_registry_ips_artifact.log"))).containsExactly("127.0.1.2");
        assertThat(lines(runDir().resolve("missing_registry_ips_artifact.log"))).isEmpty();
    }

    @Test
    void exitZeroWithStderrOutsideTheWhitelistIsInstallFailed() throws Exception {
        run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "5=stderr@systemctl",
                "lazarus.fleet.size",
                "6");
        RegistryEntry entry = entryOf("127.0.1.5");
        assertThat(entry.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(entry.tags()).contains("stderr_detected").noneMatch(t -> t.startsWith("exit_status_"));
        assertThat(entry.failingCommand()).isEqualTo("systemctl enable --now tomcat10");
    }

    @Test
    void exitNonZeroWithNothingOnStderrIsStub() throws Exception {
        EngineExecutionResults results = run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "3=silent-failure@systemctl",
                "lazarus.fleet.size",
                "4");
        results.testEvents().assertStatistics(s -> s.failed(1));
        RegistryEntry entry = entryOf("127.0.1.3");
        assertThat(entry.status()).isEqualTo(Status.STUB);
        assertThat(entry.tags()).containsExactly("stub", "command_retry_2", "silent_failure", "exit_status_1");
        assertThat(registry().finalEntries())
                .filteredOn(e -> e.status() == Status.INSTALL_SUCCESS)
                .hasSize(3);
    }

    @Test
    void whitelistedStderrAloneIsSuccess() throws Exception {
        EngineExecutionResults results = run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "1=stderr-noise; 2=stderr-noise",
                "lazarus.fleet.size",
                "2");
        results.testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
        assertThat(entryOf("127.0.1.1").commands())
                .allSatisfy(c -> assertThat(c.stderr()).isEmpty());
    }

    @Test
    void extraWhitelistPatternsTurnKnownNoiseIntoSuccess() throws Exception {
        EngineExecutionResults results = run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "2=stderr@systemctl",
                "lazarus.fleet.size",
                "2",
                "lazarus.whitelist.extra",
                "nothing to see;; warning: simulated stderr on node .*");
        results.testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
    }

    @Test
    void aMissingPackageIsFatalOnEveryNode() throws Exception {
        EngineExecutionResults results = run(selectClass(MissingPackage.class));
        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(3));
        assertThat(registry().finalEntries()).hasSize(3).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(Status.INSTALL_FAILED);
            assertThat(e.tags()).contains("fatal_package_missing", "exit_status_100", "command_retry_1");
        });
    }

    @Test
    void aTransientFailureIsRetriedAndTheLastTryDecides() throws Exception {
        run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "1=flaky@apt-get update",
                "lazarus.fleet.size",
                "2");
        RegistryEntry entry = entryOf("127.0.1.1");
        assertThat(entry.status()).isEqualTo(Status.INSTALL_SUCCESS);
        assertThat(entry.commands().get(0).tries()).isEqualTo(2);
    }

    @Test
    void aRefusedNodeIsSshRetryFailed() throws Exception {
        run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "2=refuse",
                "lazarus.fleet.size",
                "3",
                "lazarus.ssh.connect-attempts",
                "2");
        RegistryEntry entry = entryOf("127.0.1.2");
        assertThat(entry.status()).isEqualTo(Status.SSH_RETRY_FAILED);
        assertThat(entry.tags()).contains("ssh_attempts_2", "last_error_ConnectException");
    }

    @Test
    void aConnectionDroppedMidCommandIsSshInitiatedFailed() throws Exception {
        run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "2=drop@apt-get install",
                "lazarus.fleet.size",
                "3");
        RegistryEntry entry = entryOf("127.0.1.2");
        assertThat(entry.status()).isEqualTo(Status.SSH_INITIATED_FAILED);
        assertThat(entry.tags()).contains("connection_dropped");
        assertThat(entry.failingCommand()).isNull();
    }

    @Test
    void aStalledCommandEndsAsWatchdogTimeout() throws Exception {
        run(
                selectClass(Tomcat16.class),
                "lazarus.embedded.behaviours",
                "1=stall@systemctl",
                "lazarus.fleet.size",
                "2",
                "lazarus.watchdog.timeout",
                "1s");
        RegistryEntry entry = entryOf("127.0.1.1");
        assertThat(entry.status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(entry.tags()).contains("watchdog_triggered", "stall_command_3");
        assertThat(entryOf("127.0.1.2").status()).isEqualTo(Status.INSTALL_SUCCESS);
    }

    @Test
    void oneNodeTestCanBeReRunByItsUniqueId() throws Exception {
        UniqueId node = UniqueId.forEngine("lazarus")
                .append("scenario", Tomcat16.class.getName())
                .append("shard", "1")
                .append("node", "127.0.1.7");
        EngineExecutionResults results = run(selectUniqueId(node));

        results.allEvents()
                .dynamicallyRegistered()
                .assertThatEvents()
                .filteredOn(e -> e.getTestDescriptor().isTest())
                .singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor().getUniqueId()).isEqualTo(node));
        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertThat(registry().goldIps()).containsExactly("127.0.1.7");
    }

    @Test
    void theConcurrencyCapBoundsNodesInFlight() throws Exception {
        run(selectClass(Tomcat16.class), "lazarus.fleet.size", "8", "lazarus.concurrency", "3");
        int inFlight = 0;
        int most = 0;
        for (JournalEvent e :
                JournalReader.read(runDir().resolve("journal.jsonl")).events()) {
            if (e instanceof JournalEvent.AttemptStarted) {
                most = Math.max(most, ++inFlight);
            } else if (e instanceof JournalEvent.AttemptFinished) {
                inFlight--;
            }
        }
        assertThat(most).isBetween(1, 3);
        assertThat(registry().finalEntries()).hasSize(8);
    }

    @Test
    void badBehaviourSpecsFailDiscoveryNamingTheParameter() {
        EngineExecutionResults results = run(selectClass(Tomcat16.class), "lazarus.embedded.behaviours", "2=explode");
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(Tomcat16.class),
                                finishedWithFailure(message(m -> m.contains("lazarus.embedded.behaviours")
                                        && m.contains("explode")
                                        && m.contains("allowed: normal, slow")))));
        results.testEvents().assertStatistics(s -> s.started(0));
    }
}
