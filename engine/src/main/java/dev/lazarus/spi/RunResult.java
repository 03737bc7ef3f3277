package dev.lazarus.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a run as derived from its journal, and only from it: the same at the end of a run, when a killed run
 * is reported afterwards, and for a merge of shards. Reporters read the run from here, never from the journal.
 *
 * @param entries every attempt, final or not, in the order attempts started
 * @param assessment ghosts, untraceable entries and the invariant
 * @param lastEventByIp the last lifecycle event (attempt started, connected, command…, attempt finished) of each IP
 * @param timelines when each attempt's steps happened, by attempt id
 * @param wall wall time of the run, from its first to its last journal event
 * @param endedAt the time of the journal's last event
 * @param watchdog the stream watchdog timeout and its inputs, if the run got that far
 * @param journalTruncated whether the journal's last line was cut short
 * @param interrupted whether the run ended without its {@code run_finished} event (killed); its in-flight attempts
 *     then carry the tag {@code interrupted}
 * @param jdk the Java version the run ran on
 * @param shardByIp the shard each gold-list IP belongs to
 * @param lostShards shards whose nodes a merge found lost, with the reason
 * @param monitorPasses what the monitor found after each pass, in order
 * @param decisions the gatekeeper's decisions, in order
 * @param injections what extensions said they would cause, and what the run must then conclude
 * @param controlPlane what the control plane journaled about its calls and instances
 * @param breaker when and why the error budget tripped, if it did
 * @param cancelled when and why the run was cancelled, if it was
 */
public record RunResult(
        List<RegistryEntry> entries,
        FleetAssessment assessment,
        Map<String, String> lastEventByIp,
        Map<String, AttemptTimeline> timelines,
        Duration wall,
        String endedAt,
        Optional<WatchdogTimeout> watchdog,
        boolean journalTruncated,
        boolean interrupted,
        String jdk,
        Map<String, String> shardByIp,
        List<ShardLoss> lostShards,
        List<MonitorPass> monitorPasses,
        List<Decision> decisions,
        List<Injection> injections,
        ControlPlaneActivity controlPlane,
        Optional<BreakerTrip> breaker,
        Optional<Cancelled> cancelled) {

    public RunResult {
        entries = List.copyOf(entries);
        lastEventByIp = Map.copyOf(lastEventByIp);
        timelines = Map.copyOf(timelines);
        shardByIp = Map.copyOf(shardByIp);
        lostShards = List.copyOf(lostShards);
        monitorPasses = List.copyOf(monitorPasses);
        decisions = List.copyOf(decisions);
        injections = List.copyOf(injections);
    }

    /** A shard whose slice a merge counts as ghosts: it left no journal, or its journal ends early. */
    public record ShardLoss(String shard, String reason, List<String> ips) {
        public ShardLoss {
            ips = List.copyOf(ips);
        }
    }

    /**
     * One monitor pass ({@code afterRound} 0 is the first pass, -1 the fleet-level pass of a merge), with the
     * registry as it stood then.
     *
     * @param candidates the final entries of the resurrection candidates, then
     * @param untraceable the final entries without a valid IP, then
     * @param lastEventByIp the last lifecycle event of each IP, then
     * @param throttledCallsBefore control-plane calls throttled before the pass
     * @param maxRetryBefore the most attempts a control-plane call needed before the pass
     */
    public record MonitorPass(
            String at,
            int afterRound,
            List<String> ghosts,
            List<RegistryEntry> candidates,
            List<RegistryEntry> untraceable,
            Map<String, String> lastEventByIp,
            boolean invariantHolds,
            String arithmetic,
            long throttledCallsBefore,
            long maxRetryBefore) {
        public MonitorPass {
            ghosts = List.copyOf(ghosts);
            candidates = List.copyOf(candidates);
            untraceable = List.copyOf(untraceable);
            lastEventByIp = Map.copyOf(lastEventByIp);
        }
    }

    /** The gatekeeper's decision on one node before resurrection round {@code round}, with the rule that made it. */
    public record Decision(int round, String publicIp, String previousAttemptId, boolean resurrect, String reason) {}

    /**
     * A fault an extension caused on purpose ({@code publicIp} null for a control-plane fault), and what the run
     * must then say of it.
     */
    public record Injection(String fault, String publicIp, String expectedStatus, List<String> expectedTags) {
        public Injection {
            expectedTags = List.copyOf(expectedTags);
        }
    }

    /**
     * What the control plane journaled: its throttled calls, the most attempts one call needed, the instances that
     * never became nodes, and the instances it launched and terminated (in order).
     */
    public record ControlPlaneActivity(
            long throttledCalls,
            long maxRetryObserved,
            List<UnreachableInstance> unreachable,
            List<String> launched,
            List<String> terminated) {
        public ControlPlaneActivity {
            unreachable = List.copyOf(unreachable);
            launched = List.copyOf(launched);
            terminated = List.copyOf(terminated);
        }
    }

    /** An instance that never became a node, reported at {@code at}. */
    public record UnreachableInstance(String instanceId, String reason, String at) {}

    /** The error budget was exceeded at {@code at}: from then on no node attempt started. */
    public record BreakerTrip(String at, int failures, int allowed, String setting) {}

    /** The run was stopped from outside at {@code at}. */
    public record Cancelled(String at, String reason) {}

    /** Attempts that reached a verdict, in start order. */
    public List<RegistryEntry> finalEntries() {
        return entries.stream().filter(RegistryEntry::isFinal).toList();
    }

    /** The last lifecycle event of {@code ip}, if its worker journaled any. */
    public Optional<String> lastEventOf(String ip) {
        return Optional.ofNullable(lastEventByIp.get(ip));
    }

    /** When the steps of attempt {@code attemptId} happened. */
    public Optional<AttemptTimeline> timelineOf(String attemptId) {
        return Optional.ofNullable(timelines.get(attemptId));
    }

    /**
     * The slowest node's own critical path in milliseconds: the summed durations of its commands, the least time any
     * harness could have taken for this run.
     */
    public long criticalPathMillis() {
        return finalEntries().stream()
                .mapToLong(e -> e.commands().stream()
                        .mapToLong(CommandRecord::durationMs)
                        .sum())
                .max()
                .orElse(0);
    }
}
