package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Inject;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.GatekeeperDecision;
import dev.lazarus.journal.JournalEvent.InjectionPlanned;
import dev.lazarus.journal.JournalEvent.MonitorPass;
import dev.lazarus.registry.Registry;
import dev.lazarus.reports.ResurrectionArtifacts;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** The monitor, the gatekeeper and resurrection rounds, end to end through the engine. */
class ResurrectionTest {

    @Scenario(
            fleetSize = 32,
            commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    @Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 2)
    @Inject(fault = "GHOST", count = 2)
    @Inject(fault = "STALL", count = 1)
    @Inject(fault = "STDERR_FAILURE", count = 1)
    static class Mixed {}

    @Scenario(
            fleetSize = 20,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    @Inject(fault = "FORCE_TOMCAT_FAIL", count = 6)
    static class SixCrashes {}

    @TempDir
    Path out;

    private List<JournalEvent> events() throws IOException {
        return Runs.events(out);
    }

    private static <T> List<T> of(List<JournalEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> injected(List<JournalEvent> events, String fault) {
        return of(events, InjectionPlanned.class).stream()
                .filter(p -> p.fault().equals(fault))
                .map(InjectionPlanned::publicIp)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void roundOneRecoversTheRecoverableAndLeavesTheRestWithTheirReasons() throws Exception {
        EngineExecutionResults results = Runs.execute(out, selectClass(Mixed.class), "lazarus.watchdog.timeout", "3s");

        List<JournalEvent> events = events();
        assertThat(((JournalEvent.RunStarted) events.get(0)).extensions())
                .as("@Inject switched fault injection on")
                .contains("fault-injection");
        Set<String> crashed = injected(events, "FORCE_TOMCAT_FAIL_IDX1");
        Set<String> ghosts = injected(events, "GHOST");
        String stalled = injected(events, "STALL").iterator().next();
        String failed = injected(events, "STDERR_FAILURE").iterator().next();
        Set<String> admitted = new TreeSet<>(crashed);
        admitted.addAll(ghosts);
        admitted.add(stalled);

        // the monitor's first pass, journaled before the round
        List<MonitorPass> passes = of(events, MonitorPass.class);
        assertThat(passes).extracting(MonitorPass::afterRound).containsExactly(0, 1);
        assertThat(passes)
                .allSatisfy(
                        p -> assertThat(p.invariantHolds()).as(p.arithmetic()).isTrue());
        assertThat(new TreeSet<>(passes.get(0).ghosts())).isEqualTo(ghosts);
        assertThat(new TreeSet<>(passes.get(0).candidates()))
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(Stream.concat(crashed.stream(), Stream.of(stalled)), Stream.of(failed))
                                .toList());
        assertThat(passes.get(1).ghosts()).isEmpty();
        assertThat(passes.get(1).candidates()).containsExactlyInAnyOrder(stalled, failed);

        // every decision, with its reason
        Map<String, GatekeeperDecision> decisions = of(events, GatekeeperDecision.class).stream()
                .collect(Collectors.toMap(GatekeeperDecision::publicIp, d -> d));
        assertThat(decisions).hasSize(6);
        assertThat(decisions.values()).allSatisfy(d -> assertThat(d.round()).isEqualTo(1));
        ghosts.forEach(ip -> assertThat(decisions.get(ip).reason()).isEqualTo("ghost"));
        crashed.forEach(ip -> assertThat(decisions.get(ip).reason()).isEqualTo("synthetic_crash"));
        assertThat(decisions.get(stalled).reason()).isEqualTo("watchdog_timeout");
        assertThat(decisions.get(failed).resurrect()).isFalse();
        assertThat(decisions.get(failed).reason()).startsWith("install_failed");

        // the JUnit tree: one round container, one attempt-2 test per admitted node
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(container(), displayName("resurrection round 1"), finishedSuccessfully()));
        List<String> roundTests = results.allEvents().dynamicallyRegistered().stream()
                .map(Event::getTestDescriptor)
                .filter(d -> d.isTest())
                .filter(d -> d.getUniqueId().toString().contains("[round:1]"))
                .map(d -> d.getDisplayName())
                .sorted()
                .toList();
        assertThat(roundTests)
                .containsExactlyElementsOf(admitted.stream()
                        .map(ip -> "node " + ip + ": attempt 2")
                        .sorted()
                        .toList());
        // a resurrected node's first attempt is aborted as superseded, not failed: only the two nodes that end
        // badly fail, so a run whose nodes all recover is green
        results.testEvents()
                .assertStatistics(
                        s -> s.started(32 + 5 + 3).aborted(5).failed(2).succeeded(33));
        results.testEvents().aborted().assertThatEvents().allSatisfy(e -> {
            assertThat(e.getTestDescriptor().getDisplayName()).endsWith(": attempt 1");
            assertThat(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .orElseThrow()
                            .getThrowable()
                            .orElseThrow()
                            .getMessage())
                    .startsWith("superseded: the gatekeeper gave this node attempt 2 in " + "resurrection round 1");
        });

        // every container finishes after all of its children, though the shard stays open across the round
        List<Event> all = results.allEvents().list();
        for (int i = 0; i < all.size(); i++) {
            Event e = all.get(i);
            if (e.getType() == org.junit.platform.testkit.engine.EventType.FINISHED) {
                org.junit.platform.engine.TestDescriptor d = e.getTestDescriptor();
                assertThat(all.subList(i + 1, all.size()))
                        .as("nothing of %s after it finished", d.getDisplayName())
                        .noneMatch(later -> later.getTestDescriptor()
                                .getParent()
                                .filter(d::equals)
                                .isPresent());
            }
        }

        // final verdicts and lineage
        Registry registry = Runs.registry(out);
        Map<String, RegistryEntry> finals = registry.finalEntryByIp();
        for (String ip : Stream.concat(crashed.stream(), ghosts.stream()).toList()) {
            RegistryEntry last = finals.get(ip);
            assertThat(last.status()).as(ip).isEqualTo(Status.INSTALL_SUCCESS);
            assertThat(last.attempt()).isEqualTo(2);
            RegistryEntry first = registry.entries().stream()
                    .filter(e -> e.attemptId().equals(last.previousAttemptId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(first.supersededBy()).isEqualTo(last.attemptId());
            assertThat(first.isFinal())
                    .as("a ghost's first attempt never ended")
                    .isEqualTo(crashed.contains(ip));
            if (crashed.contains(ip)) {
                assertThat(first.tags()).contains("synthetic_crash_idx_1", "gatekeeper_resurrect");
            }
        }
        assertThat(finals.get(stalled).status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(finals.get(stalled).attempt()).isEqualTo(2);
        assertThat(finals.get(failed).attempt()).isEqualTo(1);
        assertThat(finals.get(failed).tags()).doesNotContain("gatekeeper_resurrect");
        assertThat(finals).hasSize(32);
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), displayName("verdict: ghosts"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("verdict: accounting invariant"), finishedSuccessfully()));

        // artifacts: one set per monitor pass, ghost forensics, superseded entries kept
        Path dir = Runs.runDir(out);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names)
                    .filteredOn(n -> n.startsWith(ResurrectionArtifacts.CANDIDATES))
                    .hasSize(2);
            assertThat(names)
                    .filteredOn(n -> n.startsWith(ResurrectionArtifacts.GHOSTS))
                    .hasSize(2);
            assertThat(names)
                    .filteredOn(n -> n.startsWith(ResurrectionArtifacts.UNTRACEABLE))
                    .hasSize(2);
        }
        JsonNode detail = JournalCodec.mapper()
                .readTree(dir.resolve(ResurrectionArtifacts.GHOST_DETAIL).toFile());
        assertThat(detail).hasSize(2);
        detail.forEach(g -> {
            assertThat(ghosts).contains(g.get("ip").asText());
            assertThat(g.get("last_event").asText()).isEqualTo("connected");
            assertThat(g.get("tags")).extracting(JsonNode::asText).containsExactly("ghost", "ssh_attempted");
            assertThat(g.get("resurrected").asBoolean()).isTrue();
            assertThat(g.get("final_status").asText()).isEqualTo("install_success");
            assertThat(g.get("shard").asText()).isEqualTo("1/1");
        });
        JsonNode entries = JournalCodec.mapper()
                .readTree(dir.resolve("final_aggregate_execution_run_registry.json")
                        .toFile());
        assertThat(entries.size()).as("32 first attempts + 5 resurrections").isEqualTo(37);
        long superseded = 0;
        for (JsonNode entry : entries) {
            superseded += entry.hasNonNull("superseded_by") ? 1 : 0;
        }
        assertThat(superseded).isEqualTo(5);
    }

    @Test
    void theBudgetLimitsEachRoundAndSaysSo() throws Exception {
        EngineExecutionResults results = Runs.execute(
                out,
                selectClass(SixCrashes.class),
                "lazarus.resurrection.rounds",
                "2",
                "lazarus.resurrection.budget",
                "10%");
        List<JournalEvent> events = events();
        Set<String> crashed = injected(events, "FORCE_TOMCAT_FAIL");
        List<GatekeeperDecision> decisions = of(events, GatekeeperDecision.class);

        assertThat(decisions.stream().filter(d -> d.round() == 1 && d.resurrect()))
                .hasSize(2);
        assertThat(decisions.stream().filter(d -> d.round() == 1 && !d.resurrect()))
                .hasSize(4)
                .allSatisfy(d -> assertThat(d.reason()).startsWith("budget: at most 2 node(s) per round"));
        assertThat(decisions.stream().filter(d -> d.round() == 2 && d.resurrect()))
                .hasSize(2);
        assertThat(decisions.stream().filter(d -> d.round() == 2 && !d.resurrect()))
                .hasSize(2);

        Map<String, RegistryEntry> finals = Runs.registry(out).finalEntryByIp();
        assertThat(crashed.stream().filter(ip -> finals.get(ip).status() == Status.INSTALL_SUCCESS))
                .hasSize(4);
        assertThat(crashed.stream().map(finals::get).filter(e -> !e.status().isSuccess()))
                .hasSize(2)
                .allSatisfy(e -> {
                    assertThat(e.attempt()).isEqualTo(1);
                    assertThat(e.tags()).contains("synthetic_crash_between_ssh_and_commands");
                });
        assertThat(of(events, MonitorPass.class))
                .extracting(MonitorPass::afterRound)
                .containsExactly(0, 1, 2);
        // a node left out of round 1 only for the budget waits: round 2 took two of them
        results.testEvents()
                .assertStatistics(
                        s -> s.started(20 + 2 + 2 + 3).aborted(4).failed(2).succeeded(21));
        assertThat(of(events, MonitorPass.class))
                .allSatisfy(p -> assertThat(p.invariantHolds()).isTrue());
    }

    @Test
    void aSmallFleetsRetryableNodesAllGetTheirRoundByDefault() throws Exception {
        Runs.execute(
                out, selectClass(SixCrashes.class), "lazarus.fleet.size", "8", "lazarus.inject.FORCE_TOMCAT_FAIL", "5");
        List<GatekeeperDecision> decisions = of(events(), GatekeeperDecision.class);
        assertThat(decisions)
                .as("5 of 8 crashed: more than 25%, fewer than the default's 8 nodes")
                .hasSize(5)
                .allSatisfy(d -> assertThat(d.resurrect()).isTrue());
        assertThat(Runs.registry(out).finalEntryByIp().values())
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(Status.INSTALL_SUCCESS));

        // the registry artifact: a superseded attempt is not its node's verdict
        JsonNode registry = JournalCodec.mapper()
                .readTree(Runs.runDir(out)
                        .resolve("final_aggregate_execution_run_registry.json")
                        .toFile());
        List<JsonNode> entries = new ArrayList<>();
        registry.forEach(entries::add);
        assertThat(entries).hasSize(8 + 5);
        assertThat(entries).filteredOn(e -> e.has("superseded_by")).hasSize(5).allSatisfy(e -> {
            assertThat(e.get("final").asBoolean()).isFalse();
            assertThat(e.get("status").asText()).isEqualTo("install_failed");
        });
        assertThat(entries)
                .filteredOn(e -> e.get("final").asBoolean())
                .hasSize(8)
                .allSatisfy(e -> assertThat(e.get("ghost").asBoolean()).isFalse());
    }

    @Test
    void theTimeBoundStopsRoundsFromStarting() throws Exception {
        EngineExecutionResults results =
                Runs.execute(out, selectClass(SixCrashes.class), "lazarus.resurrection.timeout", "0s");
        assertThat(of(events(), GatekeeperDecision.class))
                .hasSize(6)
                .allSatisfy(d -> assertThat(d.reason()).startsWith("time_bound"));
        results.testEvents().assertStatistics(s -> s.failed(6).aborted(0));
        results.containerEvents()
                .assertThatEvents()
                .noneMatch(e -> e.getTestDescriptor().getDisplayName().startsWith("resurrection round"));
    }

    @Test
    void zeroRoundsIsExactlyTheFirstPass() throws Exception {
        EngineExecutionResults results =
                Runs.execute(out, selectClass(SixCrashes.class), "lazarus.resurrection.rounds", "0");
        results.testEvents()
                .assertStatistics(s -> s.started(20 + 3).failed(6 + 0).succeeded(14 + 3));
        results.containerEvents()
                .assertThatEvents()
                .noneMatch(e -> e.getTestDescriptor().getDisplayName().startsWith("resurrection round"));
        assertThat(of(events(), GatekeeperDecision.class)).isEmpty();
        assertThat(Runs.registry(out).entries()).hasSize(20);
    }

    @Test
    void aBadBudgetFailsTheScenarioNamingTheParameter() {
        EngineExecutionResults results =
                Runs.execute(out, selectClass(SixCrashes.class), "lazarus.resurrection.budget", "150%");
        assertThat(results.containerEvents().failed().stream()
                        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .orElseThrow()
                                .getThrowable()
                                .orElseThrow()
                                .getMessage()))
                .anyMatch(m -> m.contains("lazarus.resurrection.budget=150% is out of range")
                        && m.contains("a percentage 0 to 100, or a count"));
    }
}
