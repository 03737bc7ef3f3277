package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attempt that ends early ends what it left running on the node, on the embedded fleet (whose hung commands
 * outlive their connection as real ones do); RealSshdTest shows the same on real OpenSSH.
 */
class NothingLeftRunningTest {

    @Scenario(
            fleetSize = 2,
            commandTries = 1,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    static class Install {}

    @TempDir
    Path out;

    private List<JournalEvent.RemoteKill> kills() throws Exception {
        return Runs.events(out).stream()
                .filter(JournalEvent.RemoteKill.class::isInstance)
                .map(JournalEvent.RemoteKill.class::cast)
                .toList();
    }

    @Test
    void aStalledCommandsProcessGroupIsEndedBeforeTheNodeIsResurrected() throws Exception {
        Runs.execute(
                out,
                selectClass(Install.class),
                "lazarus.embedded.behaviours",
                "2=stall@apt-get install",
                "lazarus.watchdog.timeout",
                "1s");

        List<JournalEvent> events = Runs.events(out);
        List<JournalEvent.RemoteKill> kills = kills();
        assertThat(kills)
                .as("the first attempt and its resurrection both stalled")
                .hasSize(2)
                .allSatisfy(k -> {
                    assertThat(k.publicIp()).isEqualTo("127.0.1.2");
                    assertThat(k.outcome()).isEqualTo("ended");
                    assertThat(k.processGroup()).isNotNull();
                });
        JournalEvent.RemoteKill first = kills.get(0);
        int killedAt = events.indexOf(first);
        int resurrectedAt = events.indexOf(events.stream()
                .filter(e -> e instanceof JournalEvent.AttemptStarted s && s.previousAttemptId() != null)
                .findFirst()
                .orElseThrow());
        assertThat(killedAt).as("the resurrected attempt starts after the kill").isLessThan(resurrectedAt);

        RegistryEntry stalled = Runs.registry(out).finalEntryByIp().get("127.0.1.2");
        assertThat(stalled.status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(stalled.remoteKill()).isEqualTo("ended");
        assertThat(stalled.tags()).doesNotContain("remote_orphan_possible");
        assertThat(Runs.registry(out).finalEntryByIp().get("127.0.1.1").remoteKill())
                .as("a node whose commands all ended needs no kill")
                .isNull();
    }

    @Test
    void withoutProcessGroupsNothingCanBeConfirmedAndTheNodeSaysSo() throws Exception {
        Runs.execute(
                out,
                selectClass(Install.class),
                "lazarus.embedded.behaviours",
                "2=stall@apt-get install",
                "lazarus.watchdog.timeout",
                "1s",
                "lazarus.resurrection.rounds",
                "0",
                "lazarus.remote-kill",
                "false");

        assertThat(kills()).singleElement().satisfies(k -> {
            assertThat(k.outcome()).isEqualTo("unknown");
            assertThat(k.processGroup()).isNull();
        });
        assertThat(Runs.registry(out).finalEntryByIp().get("127.0.1.2").tags())
                .contains("watchdog_triggered", "remote_orphan_possible");
    }
}
