package dev.lazarus.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.spi.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DESIGN table, row by row, and the seed's tags for a last try. */
class TryOutcomeTest {

    private final Whitelist apt = Whitelist.forCommand("apt-get install -y tomcat10");

    @Test
    void exitZeroAndOnlyNoiseIsSuccess() {
        TryOutcome o = TryOutcome.classify(
                0, List.of("debconf: delaying package configuration, since apt-utils is not installed"), apt);
        assertThat(o.kind()).isEqualTo(TryOutcome.Kind.SUCCESS);
        assertThat(o.finalStatus()).isEqualTo(Status.INSTALL_SUCCESS);
        assertThat(o.finalTags(3)).containsExactly("install_success");
    }

    @Test
    void exitZeroWithRealStderrIsInstallFailed() {
        TryOutcome o =
                TryOutcome.classify(0, List.of("WARNING: apt does not have a stable CLI interface.", "oops"), apt);
        assertThat(o.kind()).isEqualTo(TryOutcome.Kind.STDERR_DETECTED);
        assertThat(o.finalStatus()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(o.nonWhitelistedStderr()).containsExactly("oops");
        assertThat(o.finalTags(3)).containsExactly("install_failed", "command_retry_2", "stderr_detected");
    }

    @Test
    void exitNonZeroWithStderrIsFatal() {
        TryOutcome o = TryOutcome.classify(100, List.of("E: Unable to locate package tomcat99"), apt);
        assertThat(o.finalStatus()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(o.finalTags(1))
                .containsExactly("install_failed", "fatal_exit_nonzero", "exit_status_100", "fatal_package_missing");
    }

    @Test
    void exitNonZeroWithoutStderrIsStub() {
        TryOutcome o = TryOutcome.classify(1, List.of("Reading package lists..."), apt);
        assertThat(o.kind()).isEqualTo(TryOutcome.Kind.SILENT_FAILURE);
        assertThat(o.finalStatus()).isEqualTo(Status.STUB);
        assertThat(o.finalTags(3)).containsExactly("stub", "command_retry_2", "silent_failure", "exit_status_1");
    }

    @Test
    void tagsAreAClosedVocabularyTheStderrIsEvidence() {
        TryOutcome o = TryOutcome.classify(2, List.of("a", "b", "E: held by process 27699", "d"), apt);
        assertThat(o.finalTags(1)).containsExactly("install_failed", "fatal_exit_nonzero", "exit_status_2");
        assertThat(o.nonWhitelistedStderr()).hasSize(4);
    }

    @Test
    void aTryThatFailedOnlyOnAPackageLockIsLockedOnly() {
        List<String> apt = List.of(
                "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 30871 (apt-get)",
                "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?");
        assertThat(PackageLocks.onlyLocked(apt)).isTrue();
        assertThat(PackageLocks.onlyLocked(
                        List.of("Another app is currently holding the yum lock; waiting for it to " + "exit...")))
                .isTrue();
        assertThat(PackageLocks.onlyLocked(List.of(
                        "System management is locked by the application with pid 4242 (zypper).",
                        "Close this application before trying again.")))
                .isTrue();
        assertThat(PackageLocks.onlyLocked(List.of("error: can't create transaction lock on /var/lib/rpm/.rpm.lock "
                        + "(Resource temporarily unavailable)")))
                .isTrue();
        assertThat(PackageLocks.onlyLocked(List.of(apt.get(0), "E: Unable to locate package tomcat99")))
                .as("a lock and another failure: a failure")
                .isFalse();
        assertThat(PackageLocks.onlyLocked(List.of())).isFalse();
    }

    @Test
    void statusWireNamesAreTheSeedsPlusSkippedAndCheckFailed() {
        assertThat(Status.values())
                .extracting(Status::tag)
                .containsExactly(
                        "install_success",
                        "install_failed",
                        "check_failed",
                        "stub",
                        "watchdog_timeout",
                        "ssh_initiated_failed",
                        "ssh_retry_failed",
                        "skipped",
                        "gatekeeper_resurrect",
                        "no_tags");
        assertThat(Status.fromTag("stub")).isEqualTo(Status.STUB);
    }
}
