package dev.lazarus.run;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The error budget of a run, a circuit breaker: it counts failed nodes (a node counts once, however many of
 * its attempts failed; ghosts and crashes count) and trips when they exceed what is allowed. Once tripped
 * it stays open: no new node attempt starts.
 */
public final class ErrorBudget {

    private final int allowed;
    private final String setting;
    private final Set<String> failed = new HashSet<>();
    private Instant trippedAt;

    /**
     * @param allowed failures tolerated; the breaker trips on one more
     * @param setting how the user set it, for messages (e.g. {@code lazarus.max-failures=10% = 20 of 200})
     */
    public ErrorBudget(int allowed, String setting) {
        this.allowed = allowed;
        this.setting = setting;
    }

    /** A budget that never trips. */
    public static ErrorBudget unlimited() {
        return new ErrorBudget(Integer.MAX_VALUE, "unlimited");
    }

    /** Counts a failed node; true when this failure tripped the breaker. */
    public synchronized boolean failed(String ip) {
        if (!failed.add(ip) || trippedAt != null) {
            return false;
        }
        if (failed.size() > allowed) {
            trippedAt = Instant.now();
            return true;
        }
        return false;
    }

    public synchronized boolean tripped() {
        return trippedAt != null;
    }

    public synchronized Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt);
    }

    public synchronized int failures() {
        return failed.size();
    }

    public int allowed() {
        return allowed;
    }

    public String setting() {
        return setting;
    }

    /** The reason a node was not started once the breaker is open. */
    public synchronized String reason() {
        return "error budget exceeded after " + failed.size() + " failures (" + setting + ")";
    }
}
