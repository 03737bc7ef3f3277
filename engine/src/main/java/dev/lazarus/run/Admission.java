package dev.lazarus.run;

import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import java.util.Optional;

/**
 * Whether a node attempt may still start: not once the run is cancelled, not once the error budget's breaker is
 * open. Failed nodes are counted here, and the trip is journaled and said once.
 */
final class Admission {

    /** Why no further attempt starts, and the tag the nodes not started get. */
    record Stop(String reason, String tag) {}

    private final ErrorBudget budget;
    private final Cancellation cancellation;
    private final Journal journal;
    /** Whether the trip is said on the console ({@code lazarus.console=recap}); the recap and the journal tell it. */
    private final boolean say;

    Admission(ErrorBudget budget, Cancellation cancellation, Journal journal, boolean say) {
        this.budget = budget;
        this.cancellation = cancellation;
        this.journal = journal;
        this.say = say;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Why no further node may start, if one may not. */
    Optional<Stop> stop() {
        if (cancellation.cancelled()) {
            return Optional.of(new Stop(cancellation.reason(), "cancelled"));
        }
        if (budget.tripped()) {
            return Optional.of(new Stop(budget.reason(), "circuit_open"));
        }
        return Optional.empty();
    }

    /**
     * Starts an attempt ({@code start} journals it) unless the run has stopped. Under the error budget's lock, so no
     * attempt is journaled as started once the breaker has tripped.
     */
    Optional<Stop> admit(Runnable start) {
        synchronized (budget) {
            Optional<Stop> stop = stop();
            if (stop.isEmpty()) {
                start.run();
            }
            return stop;
        }
    }

    /** A node failed (a node counts once, however many attempts failed); one failure too many trips the breaker. */
    void failed(String ip) {
        if (!cancellation.cancelled() && budget.failed(ip)) {
            journal.append(new JournalEvent.BreakerTripped(
                    Events.now(), budget.failures(), budget.allowed(), budget.setting()));
            if (say) {
                System.out.println("[lazarus] " + budget.reason() + ": the breaker is open, no new node attempt "
                        + "starts; nodes in flight finish");
            }
        }
    }
}
