package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.fleet.openssh.RealSshd;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The inventory control plane against real OpenSSH: real commands, real failures, a real stall. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealSshdTest {

    static final List<String> ADDRESSES = List.of("127.0.5.1", "127.0.5.2", "127.0.5.3", "127.0.5.4");

    /** One command whose behaviour depends on the node it lands on ($SSH_CONNECTION names the server address). */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            commands = {
                "echo connected to $(echo $SSH_CONNECTION | cut -d' ' -f3)",
                "case \"$SSH_CONNECTION\" in *127.0.5.2*) ls /nonexistent-lazarus ;; *127.0.5.3*) false ;;"
                        + " *127.0.5.4*) sleep 60 ;; *) echo fine ;; esac"
            })
    static class RealCommands {}

    /** Strace mode over real SSH: the trace travels back on stderr and decides the exit status. */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            strace = true,
            commands = {
                "sh -c \"echo test\"",
                "case \"$SSH_CONNECTION\" in *127.0.5.1*) bash -c 'echo hello && exit 1' ;; *) bash -c \"nonexistent_command\" ;; esac"
            })
    static class StracedCommands {}

    @TempDir
    static Path dir;

    static RealSshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        String reason = RealSshd.unavailableBecause();
        if (reason != null) {
            System.out.println("[lazarus] RealSshdTest skipped: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
        sshd = RealSshd.start(dir, ADDRESSES);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void realSuccessFailureSilentFailureAndStall() throws Exception {
        Path out = Files.createDirectories(dir.resolve("runs"));
        EngineExecutionResults results = EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter(
                        "lazarus.inventory.file", sshd.inventory().toString())
                .configurationParameter(
                        "lazarus.inventory.known-hosts", sshd.knownHosts().toString())
                .configurationParameter("lazarus.watchdog.timeout", "2s")
                .configurationParameter("lazarus.progress.interval", "0")
                .selectors(selectClass(RealCommands.class))
                .execute();

        Map<String, RegistryEntry> verdicts = registry(out).finalEntryByIp();
        assertThat(verdicts.get("127.0.5.1").status())
                .as("%s", verdicts.get("127.0.5.1"))
                .isEqualTo(Status.INSTALL_SUCCESS);

        RegistryEntry failed = verdicts.get("127.0.5.2");
        assertThat(failed.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(failed.tags()).contains("fatal_exit_nonzero", "exit_status_2");
        assertThat(failed.commands().get(1).stderr()).singleElement().asString().contains("/nonexistent-lazarus");

        RegistryEntry silent = verdicts.get("127.0.5.3");
        assertThat(silent.status()).isEqualTo(Status.STUB);
        assertThat(silent.tags()).contains("silent_failure", "exit_status_1");

        RegistryEntry stalled = verdicts.get("127.0.5.4");
        assertThat(stalled.status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(stalled.tags()).contains("watchdog_triggered", "stall_command_1");
        // the gatekeeper gives the stalled node (only) one more attempt, its first one ends aborted as
        // superseded, and the real command stalls again
        assertThat(stalled.attempt()).isEqualTo(2);
        assertThat(stalled.previousAttemptId()).isNotNull();
        results.testEvents()
                .assertStatistics(
                        s -> s.started(4 + 3 + 1).succeeded(1 + 3).aborted(1).failed(3));
    }

    @Test
    void straceModeReadsTheRealExitStatusFromTheTrace() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path out = Files.createDirectories(dir.resolve("runs-strace"));
        EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter(
                        "lazarus.inventory.file", sshd.inventory().toString())
                .configurationParameter(
                        "lazarus.inventory.known-hosts", sshd.knownHosts().toString())
                .configurationParameter("lazarus.fleet.size", "2")
                .configurationParameter("lazarus.progress.interval", "0")
                .selectors(selectClass(StracedCommands.class))
                .execute();
        Map<String, RegistryEntry> verdicts = registry(out).finalEntryByIp();
        RegistryEntry silent = verdicts.get("127.0.5.1");
        assertThat(silent.status()).as("%s", silent).isEqualTo(Status.STUB);
        assertThat(silent.tags()).contains("silent_failure", "exit_status_1");
        RegistryEntry missing = verdicts.get("127.0.5.2");
        assertThat(missing.status()).as("%s", missing).isEqualTo(Status.INSTALL_FAILED);
        assertThat(missing.tags()).contains("fatal_exit_nonzero", "exit_status_127");
        assertThat(missing.commands().get(0).exitStatus())
                .as("sh -c \"echo test\" succeeded under strace")
                .isZero();
    }

    @Test
    void aHostKeyMissingFromKnownHostsIsRejected() throws Exception {
        Path out = Files.createDirectories(dir.resolve("runs-unknown-key"));
        Path emptyKnownHosts = Files.writeString(dir.resolve("empty_known_hosts"), "");
        EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter(
                        "lazarus.inventory.file", sshd.inventory().toString())
                .configurationParameter("lazarus.inventory.known-hosts", emptyKnownHosts.toString())
                .configurationParameter("lazarus.fleet.size", "1")
                .configurationParameter("lazarus.progress.interval", "0")
                .selectors(selectClass(RealCommands.class))
                .execute();
        RegistryEntry entry = registry(out).finalEntryByIp().get("127.0.5.1");
        assertThat(entry.status()).isEqualTo(Status.SSH_INITIATED_FAILED);
        assertThat(entry.tags()).contains("host_key_rejected");
    }

    private static Registry registry(Path out) throws Exception {
        try (Stream<Path> runs = Files.list(out)) {
            Path journal =
                    runs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("journal.jsonl");
            return Registry.replay(JournalReader.read(journal).events());
        }
    }
}
