package dev.lazarus.run;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.journal.Journal;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.ssh.HandshakePermits;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.ssh.StreamWatchdog;
import java.util.concurrent.ExecutorService;
import net.schmizz.sshj.Config;

/** What every node attempt of one pass shares: settings, the journal, the extensions' hooks and the pass's threads. */
record AttemptEnvironment(
        ScenarioConfig config,
        Journal journal,
        Config sshConfig,
        SshSettings ssh,
        HandshakePermits handshakes,
        StreamWatchdog streamWatchdog,
        ExecutorService drainers,
        NodeHooks hooks) {

    String shard() {
        return config.shard().label();
    }
}
