package dev.lazarus.run;

import dev.lazarus.api.NodeInfo;
import dev.lazarus.api.RunInfo;
import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.journal.Journal;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.ssh.HandshakePermits;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.ssh.StreamWatchdog;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import net.schmizz.sshj.Config;

/**
 * What every node attempt of one pass shares: settings, the journal, the extensions' hooks, the pass's threads, and
 * what a scenario method is told of the run and its node.
 */
record AttemptEnvironment(
        ScenarioConfig config,
        Journal journal,
        Config sshConfig,
        SshSettings ssh,
        HandshakePermits handshakes,
        StreamWatchdog streamWatchdog,
        ExecutorService drainers,
        NodeHooks hooks,
        RunInfo run,
        Map<String, Integer> fleetIndex) {

    /** A node as a scenario method sees it. */
    NodeInfo info(Node node) {
        return new NodeInfo(
                node.publicIp(), node.privateIp(), fleetIndex.getOrDefault(node.publicIp(), 0), node.instanceId());
    }

    String shard() {
        return config.shard().label();
    }
}
