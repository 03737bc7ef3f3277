package dev.lazarus.run;

import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.config.Shard;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.plugin.CompositeHooks;
import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.ControlPlaneJournal;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.WatchdogTimeout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * From the control plane to a gold list on disk: the extensions' settings for the control plane (their expectations
 * journaled first), the fleet, the nodes an IDE asked to re-run, this shard's slice, the gold list forced to disk
 * before any install, the stream watchdog timeout for it, and the extensions' hooks for its nodes.
 */
final class Provisioning {

    /**
     * A provisioned fleet, to be closed by whoever provisioned it.
     *
     * @param selected every node this run targets, across shards (the gold list of the whole fleet)
     * @param gold this shard's slice of it
     */
    record Provisioned(
            Fleet fleet, List<Node> selected, List<Node> gold, Shard shard, WatchdogTimeout watchdog, NodeHooks hooks) {

        List<String> goldIps() {
            return gold.stream().map(Node::publicIp).toList();
        }

        /** Each node's 1-based position in the fleet the control plane returned ({@code ${node.index}}). */
        Map<String, Integer> fleetIndex() {
            Map<String, Integer> index = new HashMap<>();
            List<Node> nodes = fleet.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                index.putIfAbsent(nodes.get(i).publicIp(), i + 1);
            }
            return Map.copyOf(index);
        }
    }

    private final ScenarioConfig config;
    private final Journal journal;
    private final String runId;

    Provisioning(ScenarioConfig config, Journal journal, String runId) {
        this.config = config;
        this.journal = journal;
        this.runId = runId;
    }

    /**
     * @param selectedIps the nodes an IDE asked to re-run, or empty for the whole fleet
     * @param parts the enabled node lifecycles' parts in this run
     */
    Provisioned provision(ControlPlane plane, Set<String> selectedIps, List<NodeLifecycle.RunPart> parts)
            throws Exception {
        NodeLifecycle.Expectations expected = (cause, ip, status, tags) ->
                journal.append(new JournalEvent.InjectionPlanned(Events.now(), cause, ip, status, tags));
        Map<String, String> planeParameters = new LinkedHashMap<>();
        parts.forEach(part -> planeParameters.putAll(part.controlPlaneParameters(expected)));
        ControlPlaneJournal planeJournal = (kind, details) ->
                journal.append(new JournalEvent.ControlPlaneEvent(Events.now(), kind, new LinkedHashMap<>(details)));
        Fleet fleet = plane.provision(
                new FleetRequest(config.fleetSize(), runId, config.parameters().with(planeParameters), planeJournal));
        try {
            if (fleet.nodes().isEmpty() && fleet.unreachable().isEmpty()) {
                throw new IllegalStateException("the control plane '" + config.controlPlane() + "' returned no nodes");
            }
            List<Node> selected = select(fleet.nodes(), selectedIps);
            // a node re-run by unique id is not sharded; otherwise this job takes its slice of the gold list
            Shard shard = selectedIps.isEmpty() ? config.shard() : Shard.WHOLE;
            List<Node> gold = shard.slice(selected);
            journal.appendDurably(new JournalEvent.GoldList(
                    Events.now(),
                    runId,
                    config.shard().label(),
                    goldNodes(gold),
                    shard.isWhole() ? null : goldNodes(selected)));
            WatchdogTimeout watchdog = config.watchdogOverride()
                    .map(d -> WatchdogTimeout.fixed(d, gold.size(), fleet.instanceType(), fleet.maxRetryObserved()))
                    .orElseGet(() ->
                            WatchdogTimeout.adaptive(gold.size(), fleet.instanceType(), fleet.maxRetryObserved()));
            journal.append(new JournalEvent.WatchdogConfigured(
                    Events.now(),
                    watchdog.timeout().toSeconds(),
                    watchdog.nodeCount(),
                    watchdog.instanceType(),
                    watchdog.scale(),
                    watchdog.maxRetryObserved(),
                    watchdog.overridden()));
            // expectations are planned over the whole fleet, so every shard agrees; each journals its own
            List<String> fleetIps = selected.stream().map(Node::publicIp).toList();
            Set<String> shardIps =
                    new HashSet<>(gold.stream().map(Node::publicIp).toList());
            NodeLifecycle.Expectations inShard = (cause, ip, status, tags) -> {
                if (shardIps.contains(ip)) {
                    expected.expect(cause, ip, status, tags);
                }
            };
            NodeHooks hooks = CompositeHooks.of(
                    parts.stream().map(p -> p.nodeHooks(fleetIps, inShard)).toList());
            return new Provisioned(fleet, selected, gold, shard, watchdog, hooks);
        } catch (Exception | Error e) {
            fleet.runEnded(false);
            fleet.close();
            throw e;
        }
    }

    /** The nodes this run targets: all of them, or those an IDE asked to re-run. */
    private static List<Node> select(List<Node> nodes, Set<String> wanted) {
        if (wanted.isEmpty()) {
            return nodes;
        }
        List<Node> selected =
                nodes.stream().filter(n -> wanted.contains(n.publicIp())).toList();
        Set<String> missing = new LinkedHashSet<>(wanted);
        selected.forEach(n -> missing.remove(n.publicIp()));
        if (!missing.isEmpty()) {
            throw new LazarusConfigurationException("node(s) " + missing + " selected by unique id are not in the "
                    + "fleet the control plane returned (" + nodes.size() + " nodes)");
        }
        return selected;
    }

    private static List<JournalEvent.GoldNode> goldNodes(List<Node> nodes) {
        return nodes.stream()
                .map(n -> new JournalEvent.GoldNode(n.publicIp(), n.privateIp(), n.instanceId()))
                .toList();
    }
}
