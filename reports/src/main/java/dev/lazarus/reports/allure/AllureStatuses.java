package dev.lazarus.reports.allure;

import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import io.qameta.allure.model.StatusDetails;
import java.util.List;

/**
 * How a node attempt shows in Allure, the one place that decides it:
 * <ul>
 *   <li>{@code passed}: {@code install_success};</li>
 *   <li>{@code failed}: the node answered and the verdict is about the node: {@code install_failed} (classified),
 *       {@code check_failed} (a node check's assertion), {@code stub} (silent failure), {@code ssh_retry_failed},
 *       {@code ssh_initiated_failed};</li>
 *   <li>{@code skipped}: never started, the error budget was exceeded or the run was cancelled first;</li>
 *   <li>{@code broken}: the harness could not see the attempt through: a crash ({@code future_exception}), a
 *       watchdog end ({@code watchdog_timeout}), a killed run ({@code interrupted}), a ghost (no verdict), node checks
 *       that only broke ({@code check_failed} with {@code check_error} and no failed assertion).</li>
 * </ul>
 * The status message starts with the status and its tags, which the categories match on.
 */
final class AllureStatuses {

    private AllureStatuses() {}

    static io.qameta.allure.model.Status of(RegistryEntry e) {
        if (!e.isFinal()) {
            return io.qameta.allure.model.Status.BROKEN;
        }
        if (e.status() == Status.INSTALL_SUCCESS) {
            return io.qameta.allure.model.Status.PASSED;
        }
        if (e.status() == Status.SKIPPED) {
            return io.qameta.allure.model.Status.SKIPPED;
        }
        List<String> tags = e.tags();
        if (e.status() == Status.CHECK_FAILED) {
            boolean assertionFailed = e.checks().stream().anyMatch(c -> CheckRecord.FAILED.equals(c.outcome()));
            return assertionFailed ? io.qameta.allure.model.Status.FAILED : io.qameta.allure.model.Status.BROKEN;
        }
        if (e.status() == Status.WATCHDOG_TIMEOUT
                || tags.contains("future_exception")
                || tags.contains("interrupted")) {
            return io.qameta.allure.model.Status.BROKEN;
        }
        return io.qameta.allure.model.Status.FAILED;
    }

    static StatusDetails details(RegistryEntry e, List<String> ghostTags) {
        if (!e.isFinal()) {
            return new StatusDetails()
                    .setMessage("ghost: the attempt started and never reached a verdict; last " + "lifecycle event: "
                            + e.lastEvent() + " " + ghostTags);
        }
        if (e.status() == Status.INSTALL_SUCCESS) {
            return null;
        }
        StringBuilder m = new StringBuilder(e.status().tag()).append(' ').append(e.tags());
        if (e.failingCommand() != null) {
            m.append(" at command ")
                    .append(e.failingCommandIndex() + 1)
                    .append(" `")
                    .append(e.failingCommand())
                    .append('`');
        }
        if (e.message() != null) {
            m.append(": ").append(e.message());
        }
        return new StatusDetails().setMessage(m.toString()).setTrace(e.stackTrace());
    }
}
