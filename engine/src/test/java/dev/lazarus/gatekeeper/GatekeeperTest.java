package dev.lazarus.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.config.Amount;
import dev.lazarus.config.ResurrectionPolicy;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.AttemptFinished;
import dev.lazarus.journal.JournalEvent.AttemptStarted;
import dev.lazarus.journal.JournalEvent.GoldNode;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The gatekeeper's policy, on registries replayed from journal events. */
class GatekeeperTest {

    private final List<JournalEvent> events = new ArrayList<>();
    private final List<GoldNode> gold = new ArrayList<>();

    private void node(String ip, Status status, String... tags) {
        gold.add(new GoldNode(ip, ip, "i-" + ip));
        String uuid = "u-" + ip;
        events.add(new AttemptStarted(Events.now(), uuid, ip, ip, 1, "1/1", 1, "w"));
        if (status != null) {
            List<String> all = new ArrayList<>(List.of(status.tag()));
            all.addAll(List.of(tags));
            events.add(new AttemptFinished(Events.now(), uuid, ip, status, all, null, null, null, null));
        }
    }

    private Map<String, Gatekeeper.Decision> decide(ResurrectionPolicy policy, Duration elapsed) {
        List<JournalEvent> all = new ArrayList<>();
        all.add(new JournalEvent.GoldList(Events.now(), "r", "1/1", gold));
        all.addAll(events);
        Registry registry = Registry.replay(all);
        return new Gatekeeper(policy)
                .decide(1, Monitor.assess(registry), registry, elapsed).stream()
                        .collect(Collectors.toMap(Gatekeeper.Decision::publicIp, Function.identity()));
    }

    @Test
    void transientTroubleIsRetriedAndAnInstallThatFailedOnItsOwnTermsIsNot() {
        node("10.0.0.1", Status.INSTALL_SUCCESS);
        node("10.0.0.2", Status.WATCHDOG_TIMEOUT, "watchdog_triggered");
        node("10.0.0.3", Status.SSH_RETRY_FAILED);
        node("10.0.0.4", Status.SSH_INITIATED_FAILED, "ssh_connect_stall");
        node("10.0.0.5", Status.INSTALL_FAILED, "future_exception", "synthetic_crash_idx_1");
        node("10.0.0.6", Status.INSTALL_FAILED, "future_exception", "NullPointerException");
        node("10.0.0.7", Status.INSTALL_FAILED, "fatal_exit_nonzero", "exit_status_100", "fatal_package_missing");
        node("10.0.0.8", Status.INSTALL_FAILED, "fatal_exit_nonzero", "exit_status_1");
        node("10.0.0.9", Status.STUB, "silent_failure");
        node("10.0.0.10", null); // started, never finished: a ghost
        node("10.0.0.11", Status.WATCHDOG_TIMEOUT, "fatal_package_missing");
        node("10.0.0.12", Status.CHECK_FAILED, "check_tomcatServes");

        Map<String, Gatekeeper.Decision> d = decide(
                new ResurrectionPolicy(1, Optional.of(new Amount(-1, 100)), Duration.ofMinutes(1)), Duration.ZERO);

        assertThat(d).doesNotContainKey("10.0.0.1");
        assertThat(d).hasSize(11);
        assertThat(d.values().stream().filter(Gatekeeper.Decision::resurrect).map(Gatekeeper.Decision::publicIp))
                .containsExactlyInAnyOrder("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.10");
        assertThat(d.get("10.0.0.5").reason()).isEqualTo("synthetic_crash");
        assertThat(d.get("10.0.0.10").reason()).isEqualTo("ghost");
        assertThat(d.get("10.0.0.10").previousAttemptId()).isEqualTo("u-10.0.0.10");
        assertThat(d.get("10.0.0.10").previousAttempt()).isEqualTo(1);
        assertThat(d.get("10.0.0.7").reason()).startsWith("fatal_package_missing");
        assertThat(d.get("10.0.0.11").reason()).as("never, whatever the status").startsWith("fatal_package_missing");
        assertThat(d.get("10.0.0.8").reason()).startsWith("install_failed");
        assertThat(d.get("10.0.0.9").reason()).startsWith("stub");
        assertThat(d.get("10.0.0.12").reason()).startsWith("check_failed");
    }

    @Test
    void theBudgetTakesNodesInGoldOrderAndTheTimeBoundStopsEverything() {
        for (int i = 1; i <= 10; i++) {
            node("10.0.1." + i, Status.SSH_RETRY_FAILED);
        }
        Map<String, Gatekeeper.Decision> d =
                decide(new ResurrectionPolicy(1, Optional.of(new Amount(3, -1)), Duration.ofMinutes(1)), Duration.ZERO);
        assertThat(d.values().stream().filter(Gatekeeper.Decision::resurrect).map(Gatekeeper.Decision::publicIp))
                .containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2", "10.0.1.3");
        assertThat(d.get("10.0.1.4").overBudget()).isTrue();
        assertThat(d.get("10.0.1.4").reason())
                .isEqualTo("budget: at most 3 node(s) per round (lazarus.resurrection.budget: 3)");

        Map<String, Gatekeeper.Decision> late = decide(
                new ResurrectionPolicy(1, Optional.of(new Amount(-1, 100)), Duration.ofMinutes(1)),
                Duration.ofMinutes(2));
        assertThat(late.values()).hasSize(10).allSatisfy(x -> {
            assertThat(x.resurrect()).isFalse();
            assertThat(x.overBudget()).isFalse();
            assertThat(x.reason()).startsWith("time_bound");
        });
    }
}
