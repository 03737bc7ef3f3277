package dev.lazarus.extension;

import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.FleetAssessment;
import dev.lazarus.registry.Registry;
import dev.lazarus.watchdog.WatchdogTimeout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The end of a run as derived from its journal.
 *
 * @param registry every attempt, rebuilt from the journal
 * @param assessment ghosts, untraceable entries and the invariant
 * @param wall wall time of the run, from its first to its last journal event
 * @param watchdog the stream watchdog timeout and its inputs, if the run got that far
 * @param journalTruncated whether the journal's last line was cut short
 * @param interrupted whether the run ended without its {@code run_finished} event (killed); its in-flight
 *     attempts then carry the tag {@code interrupted}
 * @param events the journal's events, read once for every observer (a reporter needs no second parse)
 */
public record RunResult(
        Registry registry,
        FleetAssessment assessment,
        Duration wall,
        Optional<WatchdogTimeout> watchdog,
        boolean journalTruncated,
        boolean interrupted,
        List<JournalEvent> events) {

    public RunResult {
        events = List.copyOf(events);
    }
}
