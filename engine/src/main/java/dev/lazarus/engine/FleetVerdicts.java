package dev.lazarus.engine;

import dev.lazarus.spi.FleetAssessment;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;

/** What each fleet-verdict test says: passed, or failed naming every ghost, untraceable entry or broken count. */
final class FleetVerdicts {

    private FleetVerdicts() {}

    /**
     * @param lastEventByIp the last lifecycle event each IP reached, named beside each ghost
     */
    static TestExecutionResult of(VerdictDescriptor.Kind kind, FleetAssessment a, Map<String, String> lastEventByIp) {
        return switch (kind) {
            case GHOSTS ->
                a.ghosts().isEmpty()
                        ? TestExecutionResult.successful()
                        : failed(a.ghosts().size() + " ghost(s): gold-list IPs with no final registry entry: "
                                + a.ghosts().stream()
                                        .map(ip -> ip + " (last event: " + lastEventByIp.getOrDefault(ip, "none") + ")")
                                        .collect(Collectors.joining(", ")));
            case UNTRACEABLE ->
                a.untraceable().isEmpty()
                        ? TestExecutionResult.successful()
                        : failed(a.untraceable().size() + " untraceable entr(y/ies) without a valid IP: "
                                + a.untraceable().stream()
                                        .map(e ->
                                                e.attemptId() + " (public_ip=" + e.publicIp() + ", " + e.status() + ")")
                                        .collect(Collectors.joining(", ")));
            case INVARIANT ->
                a.invariantHolds()
                        ? TestExecutionResult.successful()
                        : failed("accounting invariant broken: " + a.arithmetic()
                                + (a.foreign().isEmpty() ? "" : "; foreign: " + a.foreign())
                                + (a.countedTwice().isEmpty() ? "" : "; counted twice: " + a.countedTwice()));
        };
    }

    private static TestExecutionResult failed(String message) {
        return TestExecutionResult.failed(new AssertionFailedError(message));
    }
}
