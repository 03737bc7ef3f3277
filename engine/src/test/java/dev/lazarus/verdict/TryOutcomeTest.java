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
        assertThat(o.finalTags(3))
                .containsExactly("install_failed", "command_retry_2", "stderr_detected", "stderr: oops");
    }

    @Test
    void exitNonZeroWithStderrIsFatal() {
        TryOutcome o = TryOutcome.classify(100, List.of("E: Unable to locate package tomcat99"), apt);
        assertThat(o.finalStatus()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(o.finalTags(1))
                .containsExactly(
                        "install_failed",
                        "fatal_exit_nonzero",
                        "exit_status_100",
                        "fatal_package_missing",
                        "stderr: E: Unable to locate package tomcat99");
    }

    @Test
    void exitNonZeroWithoutStderrIsStub() {
        TryOutcome o = TryOutcome.classify(1, List.of("Reading package lists..."), apt);
        assertThat(o.kind()).isEqualTo(TryOutcome.Kind.SILENT_FAILURE);
        assertThat(o.finalStatus()).isEqualTo(Status.STUB);
        assertThat(o.finalTags(3)).containsExactly("stub", "command_retry_2", "silent_failure", "exit_status_1");
    }

    @Test
    void atMostFourStderrLinesReachTheTags() {
        TryOutcome o = TryOutcome.classify(2, List.of("a", "b", "c", "d", "e", "f"), apt);
        assertThat(o.finalTags(1)).filteredOn(t -> t.startsWith("stderr: ")).hasSize(TryOutcome.MAX_STDERR_TAG_LINES);
        assertThat(o.nonWhitelistedStderr()).hasSize(6);
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
