package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import dev.lazarus.spi.CommandRecord;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the registry keeps of a command's tries, package locks waited out rather than counted, and the stderr the
 * whitelist filtered, on the embedded fleet.
 */
class TriesAndLocksTest {

    @Scenario(
            fleetSize = 3,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    static class Install {}

    @TempDir
    Path out;

    private RegistryEntry entryOf(String ip) throws IOException {
        return Runs.registry(out).finalEntryByIp().get(ip);
    }

    @Test
    void aPackageLockIsWaitedOutWithoutUsingUpTries() throws Exception {
        Runs.execute(
                out,
                selectClass(Install.class),
                "lazarus.embedded.behaviours",
                "2=locked@apt-get install",
                "lazarus.command.tries",
                "1");

        RegistryEntry locked = entryOf("127.0.1.2");
        assertThat(locked.status()).isEqualTo(Status.INSTALL_SUCCESS);
        assertThat(locked.tags())
                .containsExactly("install_success", "command_retried", "lock_contention", "lock_waits_2");
        CommandRecord install = locked.commands().get(1);
        assertThat(install.tries()).isEqualTo(3);
        assertThat(install.lockWaits()).isEqualTo(2);
        assertThat(install.tryLog())
                .extracting(CommandRecord.Try::outcome)
                .containsExactly("lock_contention", "lock_contention", "success");
        assertThat(install.tryLog().get(0).exitStatus()).isEqualTo(100);
        assertThat(install.tryLog().get(0).firstStderrLine()).startsWith("E: Could not get lock");
        assertThat(install.totalDurationMs()).isGreaterThanOrEqualTo(install.durationMs());

        assertThat(entryOf("127.0.1.1").tags())
                .as("nothing to say of a node that ran once")
                .containsExactly("install_success");
    }

    @Test
    void withoutALockWaitALockIsAFailureAndItsTagsCarryNoFreeText() throws Exception {
        Runs.execute(
                out,
                selectClass(Install.class),
                "lazarus.embedded.behaviours",
                "2=locked@apt-get install",
                "lazarus.command.tries",
                "2",
                "lazarus.command.lock-wait",
                "0");

        RegistryEntry locked = entryOf("127.0.1.2");
        assertThat(locked.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(locked.tags())
                .containsExactly("install_failed", "command_retry_1", "fatal_exit_nonzero", "exit_status_100");
        assertThat(locked.message()).contains("E: Could not get lock /var/lib/dpkg/lock-frontend");
        assertThat(locked.commands().get(1).stderr()).first().asString().startsWith("E: Could not get lock");
    }

    @Test
    void aRetryThatSavedTheNodeIsSaidAndEveryTryIsKept() throws Exception {
        Runs.execute(out, selectClass(Install.class), "lazarus.embedded.behaviours", "3=flaky@apt-get update");

        RegistryEntry flaky = entryOf("127.0.1.3");
        assertThat(flaky.tags()).containsExactly("install_success", "command_retried");
        assertThat(flaky.commands().get(0).tryLog())
                .extracting(CommandRecord.Try::outcome)
                .containsExactly("fatal_exit_nonzero", "success");
    }

    @Test
    void whatTheWhitelistFilteredIsKeptAsEvidence() throws Exception {
        Runs.execute(out, selectClass(Install.class), "lazarus.embedded.behaviours", "1=stderr-noise");

        CommandRecord install = entryOf("127.0.1.1").commands().get(1);
        assertThat(install.stderr()).isEmpty();
        assertThat(install.whitelistedCount()).isGreaterThanOrEqualTo(3);
        assertThat(install.whitelistedStderr())
                .contains(
                        "debconf: delaying package configuration, since apt-utils is not installed",
                        "WARNING: apt does not have a stable CLI interface. Use with caution in scripts.");
    }
}
