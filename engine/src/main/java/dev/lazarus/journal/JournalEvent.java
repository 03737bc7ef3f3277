package dev.lazarus.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lazarus.spi.Status;
import java.util.List;
import java.util.Map;

/**
 * One lifecycle event, one line of the journal. Every registry, summary and report is derived from
 * these. Each node-level event carries the node's public IP, so the last event a node reached is a
 * lookup, not a grep.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalEvent.RunStarted.class, name = "run_started"),
    @JsonSubTypes.Type(value = JournalEvent.GoldList.class, name = "gold_list"),
    @JsonSubTypes.Type(value = JournalEvent.WatchdogConfigured.class, name = "watchdog_configured"),
    @JsonSubTypes.Type(value = JournalEvent.ControlPlaneEvent.class, name = "control_plane"),
    @JsonSubTypes.Type(value = JournalEvent.InjectionPlanned.class, name = "injection_planned"),
    @JsonSubTypes.Type(value = JournalEvent.AttemptStarted.class, name = "attempt_started"),
    @JsonSubTypes.Type(value = JournalEvent.Connected.class, name = "connected"),
    @JsonSubTypes.Type(value = JournalEvent.CommandStarted.class, name = "command_started"),
    @JsonSubTypes.Type(value = JournalEvent.CommandFinished.class, name = "command_finished"),
    @JsonSubTypes.Type(value = JournalEvent.CheckStarted.class, name = "check_started"),
    @JsonSubTypes.Type(value = JournalEvent.HostCommandRan.class, name = "host_command"),
    @JsonSubTypes.Type(value = JournalEvent.CheckFinished.class, name = "check_finished"),
    @JsonSubTypes.Type(value = JournalEvent.AttemptFinished.class, name = "attempt_finished"),
    @JsonSubTypes.Type(value = JournalEvent.RemoteKill.class, name = "remote_kill"),
    @JsonSubTypes.Type(value = JournalEvent.MonitorPass.class, name = "monitor_pass"),
    @JsonSubTypes.Type(value = JournalEvent.ShardMissing.class, name = "shard_missing"),
    @JsonSubTypes.Type(value = JournalEvent.BreakerTripped.class, name = "breaker_tripped"),
    @JsonSubTypes.Type(value = JournalEvent.RunCancelled.class, name = "run_cancelled"),
    @JsonSubTypes.Type(value = JournalEvent.GatekeeperDecision.class, name = "gatekeeper_decision"),
    @JsonSubTypes.Type(value = JournalEvent.RunFinished.class, name = "run_finished"),
})
public sealed interface JournalEvent {

    /** When it happened, ISO-8601 UTC. */
    String ts();

    /** The node this event is about, or null for run-level events. */
    default String publicIp() {
        return null;
    }

    /**
     * The attempt this lifecycle event belongs to (written {@code thread_uuid}), or null for events that are not an
     * attempt's own.
     */
    default String attemptId() {
        return null;
    }

    /** The kind of event as written in the journal's {@code event} field. */
    default String name() {
        return Events.nameOf(this);
    }

    /**
     * A run begins.
     *
     * @param fleetSize the fleet size asked for
     * @param extensions the ids of the extensions enabled for the run, so a report rebuilt from the journal runs the
     *     same ones; null in journals that predate them
     */
    record RunStarted(
            String ts,
            String runId,
            String scenario,
            String controlPlane,
            int fleetSize,
            String shard,
            long pid,
            String jdk,
            List<String> commands,
            List<String> extensions)
            implements JournalEvent {}

    /** A node of the gold list. */
    record GoldNode(String publicIp, String privateIp, String instanceId) {}

    /**
     * The authoritative node list of this shard, written (and forced to disk) before any install starts.
     *
     * @param nodes the shard's slice (the whole gold list when the run is not sharded)
     * @param fleet the whole gold list every shard derived, when the run is sharded; else null
     */
    record GoldList(String ts, String runId, String shard, List<GoldNode> nodes, List<GoldNode> fleet)
            implements JournalEvent {

        /** An unsharded run's gold list. */
        public GoldList(String ts, String runId, String shard, List<GoldNode> nodes) {
            this(ts, runId, shard, nodes, null);
        }
    }

    /**
     * Written by a merge: a shard left no journal (its job died without artifacts), so its whole slice is
     * ghosts, with this reason.
     */
    record ShardMissing(String ts, String shard, String reason, List<String> ips) implements JournalEvent {}

    /** Something the control plane did: {@code kind} such as {@code instances_launched}, with its details. */
    record ControlPlaneEvent(String ts, String kind, Map<String, Object> details) implements JournalEvent {

        /** The API calls the control plane counted as throttled in this event, 0 when it counted none. */
        public long throttled() {
            return details != null && details.get("throttled") instanceof Number n ? n.longValue() : 0;
        }
    }

    /** A fault an injector will cause on a node, journaled before it acts, with what the run should detect. */
    record InjectionPlanned(String ts, String fault, String publicIp, String expectedStatus, List<String> expectedTags)
            implements JournalEvent {}

    /** The stream watchdog timeout chosen for the run, with its inputs. */
    record WatchdogConfigured(
            String ts,
            long timeoutSeconds,
            int nodeCount,
            String instanceType,
            double scale,
            int maxRetryObserved,
            boolean overridden)
            implements JournalEvent {}

    /**
     * A node attempt begins; its IP is bound here, before the worker touches the node.
     *
     * @param previousAttemptId the attempt this one resurrects (lineage), null for a first attempt
     */
    record AttemptStarted(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            String privateIp,
            int attempt,
            String shard,
            long pid,
            String thread,
            @JsonProperty("previous_thread_uuid") String previousAttemptId)
            implements JournalEvent {

        /** A first attempt. */
        public AttemptStarted(
                String ts,
                @JsonProperty("thread_uuid") String attemptId,
                String publicIp,
                String privateIp,
                int attempt,
                String shard,
                long pid,
                String thread) {
            this(ts, attemptId, publicIp, privateIp, attempt, shard, pid, thread, null);
        }
    }

    record Connected(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            int connectAttempts,
            long handshakeMs)
            implements JournalEvent {}

    record CommandStarted(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            int index,
            String command,
            int tryNumber)
            implements JournalEvent {}

    /**
     * A command try ended.
     *
     * @param tryNumber the try's number among the command's executions, waits on a package lock included
     * @param exitStatus the exit status, or null when none was received
     * @param outcome the {@link dev.lazarus.verdict.TryOutcome.Kind} name, {@code lock_contention} for a try that
     *     failed only on a package-manager lock (waited out, not counted), or a watchdog/transport outcome
     * @param stderr non-whitelisted stderr, verbatim (a tail when long)
     * @param stdout the last lines of stdout
     * @param whitelistedStderr the first stderr lines the whitelist took for noise (evidence of what was filtered)
     * @param whitelistedCount how many stderr lines the whitelist took for noise
     */
    record CommandFinished(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            int index,
            int tryNumber,
            Integer exitStatus,
            String outcome,
            List<String> stderr,
            long durationMs,
            List<String> stdout,
            List<String> whitelistedStderr,
            long whitelistedCount)
            implements JournalEvent {

        /** A try whose stderr had nothing whitelisted. */
        public CommandFinished(
                String ts,
                String attemptId,
                String publicIp,
                int index,
                int tryNumber,
                Integer exitStatus,
                String outcome,
                List<String> stderr,
                long durationMs,
                List<String> stdout) {
            this(ts, attemptId, publicIp, index, tryNumber, exitStatus, outcome, stderr, durationMs, stdout, null, 0);
        }
    }

    /**
     * A scenario method begins on the node.
     *
     * @param phase {@code before_install} or {@code check}
     * @param check the method's name
     */
    record CheckStarted(
            String ts, @JsonProperty("thread_uuid") String attemptId, String publicIp, String phase, String check)
            implements JournalEvent {}

    /**
     * A command a scenario method ran through its host handle ended.
     *
     * @param check the method that ran it
     * @param fact what it read ({@code service tomcat10}, {@code run}, {@code upload})
     * @param exitStatus null when it ended without one (a stall)
     * @param outcome its classification, named as a command try's
     * @param stdout the first lines of its stdout
     * @param stderr its stderr outside the whitelist
     */
    record HostCommandRan(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            String check,
            String fact,
            String command,
            Integer exitStatus,
            String outcome,
            List<String> stdout,
            List<String> stderr,
            long durationMs)
            implements JournalEvent {}

    /**
     * A scenario method ended.
     *
     * @param outcome {@code passed}, {@code failed} (an assertion) or {@code error} (any other exception)
     * @param message the assertion's or exception's message, null when it passed
     */
    record CheckFinished(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            String phase,
            String check,
            String outcome,
            String message,
            long durationMs)
            implements JournalEvent {}

    /** The attempt's verdict. Exactly one per attempt that the harness saw to its end. */
    record AttemptFinished(
            String ts,
            @JsonProperty("thread_uuid") String attemptId,
            String publicIp,
            Status status,
            List<String> tags,
            Integer failingCommandIndex,
            String failingCommand,
            String message,
            String stackTrace)
            implements JournalEvent {}

    /**
     * After an attempt ended early, the harness ended what its last command left running on the node, over a fresh
     * connection. Journaled by the harness, not the attempt's worker, so it names the attempt without being one of
     * its lifecycle events.
     *
     * @param killedAttemptId the attempt whose command it ended
     * @param processGroup the command's process group on the node, null when it never said one
     * @param outcome {@code ended} (the group is gone), {@code none_running} (it had ended by itself),
     *     {@code alive} (it survived SIGKILL), {@code unreachable} (no connection to end it with), {@code unknown}
     *     (the command said no process group)
     */
    record RemoteKill(
            String ts,
            @JsonProperty("killed_thread_uuid") String killedAttemptId,
            String publicIp,
            Long processGroup,
            String outcome,
            String detail)
            implements JournalEvent {

        /** Whether nothing the attempt started can still run. */
        public boolean confirmed() {
            return outcome.equals("ended") || outcome.equals("none_running");
        }
    }

    /**
     * What the monitor derived from the journal after a pass ({@code after_round} 0 is the first pass, -1 the
     * fleet-level pass of a merge of shards):
     * ghosts (gold − IPs with a final entry), untraceable entries (thread UUIDs of entries without a valid
     * IP), resurrection candidates (IPs whose final entry is not {@code install_success}), and the invariant.
     */
    record MonitorPass(
            String ts,
            int afterRound,
            List<String> ghosts,
            List<String> untraceable,
            List<String> candidates,
            boolean invariantHolds,
            String arithmetic)
            implements JournalEvent {}

    /**
     * The gatekeeper's decision on one candidate or ghost before a resurrection round.
     *
     * @param round the round the node is (or is not) scheduled into
     * @param previousAttemptId the node's latest attempt, null when it never started one
     * @param resurrect whether the node gets another attempt
     * @param reason the rule that decided, e.g. {@code ghost}, {@code fatal_package_missing}, {@code budget}
     */
    record GatekeeperDecision(
            String ts,
            int round,
            String publicIp,
            @JsonProperty("previous_thread_uuid") String previousAttemptId,
            boolean resurrect,
            String reason)
            implements JournalEvent {}

    /** The error budget was exceeded: from here on no node attempt starts. */
    record BreakerTripped(String ts, int failures, int allowed, String setting) implements JournalEvent {}

    /** The run was stopped from outside; attempts in flight end {@code interrupted}, nodes not started are skipped. */
    record RunCancelled(String ts, String reason) implements JournalEvent {}

    record RunFinished(String ts, String runId, long wallMillis, boolean interrupted) implements JournalEvent {}
}
