package dev.lazarus.extension;

import dev.lazarus.monitor.FleetAssessment;
import dev.lazarus.registry.Registry;
import dev.lazarus.watchdog.WatchdogTimeout;
import java.time.Duration;

/**
 * The end of a run as derived from its journal.
 *
 * @param registry every attempt, rebuilt from the journal
 * @param assessment ghosts, untraceable entries and the invariant
 * @param wall wall time of the run
 * @param watchdog the stream watchdog timeout and its inputs
 * @param journalTruncated whether the journal's last line was cut short
 */
public record RunResult(Registry registry, FleetAssessment assessment, Duration wall, WatchdogTimeout watchdog,
        boolean journalTruncated) {
}
