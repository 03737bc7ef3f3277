package dev.lazarus.execution;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.extension.NodeHooks;
import dev.lazarus.journal.Journal;
import dev.lazarus.ssh.HandshakePermits;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.ssh.StreamWatchdog;
import java.util.concurrent.ExecutorService;
import net.schmizz.sshj.Config;

/** What every node attempt of one run shares: settings, the journal, and the run-owned threads. */
record AttemptEnvironment(
        ScenarioConfig config,
        String shard,
        Journal journal,
        Config sshConfig,
        SshSettings ssh,
        HandshakePermits handshakes,
        StreamWatchdog streamWatchdog,
        ExecutorService drainers,
        NodeHooks hooks) {}
