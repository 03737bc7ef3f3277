package dev.lazarus.run;

import dev.lazarus.api.RunInfo;
import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalTail;
import dev.lazarus.plugin.Observers;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.WatchdogTimeout;
import java.util.Map;

/**
 * What every pass of one run shares: its settings and context, where it journals and how the monitor reads that
 * back, its stream watchdog timeout, the extensions' hooks and observers, who may start, who is told, and each
 * node's 1-based position in the fleet.
 */
record RunScope(
        ScenarioConfig config,
        RunContext context,
        Journal journal,
        JournalTail readBack,
        WatchdogTimeout watchdog,
        NodeHooks hooks,
        Observers observers,
        Admission admission,
        RunListener listener,
        Map<String, Integer> fleetIndex) {

    /** The run as a scenario method sees it. */
    RunInfo info() {
        return new RunInfo(context.runId(), context.scenario(), context.shard(), context.runDir());
    }
}
