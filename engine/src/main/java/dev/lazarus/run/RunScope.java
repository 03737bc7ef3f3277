package dev.lazarus.run;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalTail;
import dev.lazarus.plugin.Observers;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.WatchdogTimeout;

/**
 * What every pass of one run shares: its settings and context, where it journals and how the monitor reads that
 * back, its stream watchdog timeout, the extensions' hooks and observers, who may start, and who is told.
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
        RunListener listener) {}
