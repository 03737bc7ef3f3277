package dev.lazarus.verdict;

import java.util.List;

/**
 * How one scenario method ended: it returned, an assertion failed ({@link AssertionError}, AssertJ's included), or it
 * threw something else, which is an error of the check rather than a finding about the node.
 *
 * @param method the method's name
 * @param failure what it threw, null when it passed
 * @param tags what the failure adds to the node's tags ({@code watchdog_triggered} when a host command stalled)
 */
public record CheckOutcome(String method, Kind kind, Throwable failure, List<String> tags) {

    /** The kinds of end. */
    public enum Kind {
        PASSED,
        FAILED,
        ERROR;

        /** The name the journal and the registry use. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CheckOutcome {
        tags = List.copyOf(tags);
    }

    public static CheckOutcome passed(String method) {
        return new CheckOutcome(method, Kind.PASSED, null, List.of());
    }

    /** The one rule: an {@link AssertionError} is a failed check, anything else a check error. */
    public static CheckOutcome threw(String method, Throwable failure, List<String> tags) {
        return new CheckOutcome(method, failure instanceof AssertionError ? Kind.FAILED : Kind.ERROR, failure, tags);
    }

    public boolean passed() {
        return kind == Kind.PASSED;
    }

    /** The failure's message, or the exception's name when it has none; null when it passed. */
    public String message() {
        if (failure == null) {
            return null;
        }
        return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    }
}
