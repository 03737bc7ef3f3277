package dev.lazarus.spi;

import java.util.List;

/**
 * One scenario method that ran in an attempt, as the registry keeps it: a {@code @BeforeInstall} method or a
 * {@code @NodeCheck}, how it ended and the host facts it read.
 *
 * @param phase {@link #BEFORE_INSTALL} or {@link #CHECK}
 * @param outcome {@link #PASSED}, {@link #FAILED} (an assertion), {@link #ERROR} (any other exception), or null when
 *     the attempt ended while it ran
 * @param message the assertion's or the exception's message, null when it passed
 * @param startedAt when it began, ISO-8601 UTC
 * @param endedAt when it ended, or null when it did not
 */
public record CheckRecord(
        String name,
        String phase,
        String outcome,
        String message,
        String startedAt,
        String endedAt,
        long durationMs,
        List<FactRecord> facts) {

    public static final String BEFORE_INSTALL = "before_install";
    public static final String CHECK = "check";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";

    public CheckRecord {
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public boolean isCheck() {
        return CHECK.equals(phase);
    }

    public boolean passed() {
        return PASSED.equals(outcome);
    }
}
