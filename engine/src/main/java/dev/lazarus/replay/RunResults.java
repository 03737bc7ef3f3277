package dev.lazarus.replay;

import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.BreakerTripped;
import dev.lazarus.journal.JournalEvent.ControlPlaneEvent;
import dev.lazarus.journal.JournalEvent.GatekeeperDecision;
import dev.lazarus.journal.JournalEvent.GoldList;
import dev.lazarus.journal.JournalEvent.InjectionPlanned;
import dev.lazarus.journal.JournalEvent.MonitorPass;
import dev.lazarus.journal.JournalEvent.RunCancelled;
import dev.lazarus.journal.JournalEvent.RunStarted;
import dev.lazarus.journal.JournalEvent.ShardMissing;
import dev.lazarus.journal.JournalEvent.WatchdogConfigured;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.RunResult.BreakerTrip;
import dev.lazarus.spi.RunResult.Cancelled;
import dev.lazarus.spi.RunResult.ControlPlaneActivity;
import dev.lazarus.spi.RunResult.Decision;
import dev.lazarus.spi.RunResult.Injection;
import dev.lazarus.spi.RunResult.ShardLoss;
import dev.lazarus.spi.RunResult.UnreachableInstance;
import dev.lazarus.spi.WatchdogTimeout;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a {@link RunResult} from a journal's events: the registry and the fleet verdicts, and everything else a
 * reporter reads (monitor passes with the registry as it stood then, decisions, injections, control-plane activity,
 * breaker, cancellation). The one place that knows which journal events mean what to a report.
 */
final class RunResults {

    private RunResults() {}

    /** The result of a journal's events; a journal without {@code run_finished} is a run that was killed. */
    static RunResult of(JournalReader.Contents contents) {
        List<JournalEvent> events = contents.events();
        boolean finished = events.stream().anyMatch(JournalEvent.RunFinished.class::isInstance);
        Registry registry = Registry.replay(events);
        if (!finished) {
            registry = registry.closeInterrupted();
        }
        Map<String, List<JournalEvent>> byAttempt = new LinkedHashMap<>();
        Map<String, String> shardByIp = new HashMap<>();
        List<ShardLoss> lost = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        List<Injection> injections = new ArrayList<>();
        List<RunResult.MonitorPass> passes = new ArrayList<>();
        ControlPlaneTally plane = new ControlPlaneTally();
        Optional<WatchdogTimeout> watchdog = Optional.empty();
        Optional<BreakerTrip> breaker = Optional.empty();
        Optional<Cancelled> cancelled = Optional.empty();
        for (int i = 0; i < events.size(); i++) {
            JournalEvent e = events.get(i);
            if (e.attemptId() != null) {
                byAttempt.computeIfAbsent(e.attemptId(), k -> new ArrayList<>()).add(e);
            }
            if (e instanceof GoldList g) {
                g.nodes().forEach(n -> shardByIp.put(n.publicIp(), g.shard()));
            } else if (e instanceof ShardMissing m) {
                lost.add(new ShardLoss(m.shard(), m.reason(), m.ips()));
            } else if (e instanceof GatekeeperDecision d) {
                decisions.add(new Decision(d.round(), d.publicIp(), d.previousAttemptId(), d.resurrect(), d.reason()));
            } else if (e instanceof InjectionPlanned p) {
                injections.add(new Injection(p.fault(), p.publicIp(), p.expectedStatus(), p.expectedTags()));
            } else if (e instanceof ControlPlaneEvent c) {
                plane.add(c);
            } else if (e instanceof MonitorPass pass) {
                passes.add(pass(pass, events.subList(0, i), plane));
            } else if (e instanceof WatchdogConfigured w) {
                watchdog = Optional.of(new WatchdogTimeout(
                        Duration.ofSeconds(w.timeoutSeconds()),
                        w.nodeCount(),
                        w.instanceType(),
                        w.scale(),
                        w.maxRetryObserved(),
                        w.overridden()));
            } else if (e instanceof BreakerTripped t) {
                breaker = Optional.of(new BreakerTrip(t.ts(), t.failures(), t.allowed(), t.setting()));
            } else if (e instanceof RunCancelled c) {
                cancelled = Optional.of(new Cancelled(c.ts(), c.reason()));
            }
        }
        Map<String, AttemptTimeline> timelines = new HashMap<>();
        byAttempt.forEach((attempt, own) -> timelines.put(attempt, Registry.timeline(own)));
        String first = events.get(0).ts();
        String last = events.get(events.size() - 1).ts();
        FleetAssessment assessment = Monitor.assess(registry);
        if (!finished) {
            // a killed run journaled no monitor pass for how it ended: the rebuild makes that last pass, so its ghosts
            // get their forensics like any run's
            int afterRound =
                    passes.isEmpty() ? 0 : passes.get(passes.size() - 1).afterRound() + 1;
            passes.add(new RunResult.MonitorPass(
                    last,
                    afterRound,
                    assessment.ghosts(),
                    assessment.candidates().stream()
                            .map(assessment.finalEntryByIp()::get)
                            .toList(),
                    assessment.untraceable(),
                    registry.lastEventByIp(),
                    assessment.invariantHolds(),
                    assessment.arithmetic(),
                    plane.throttled,
                    plane.maxRetry));
        }
        return new RunResult(
                registry.entries(),
                assessment,
                registry.lastEventByIp(),
                timelines,
                between(first, last),
                last,
                watchdog,
                contents.truncatedTail(),
                !finished,
                started(events).map(RunStarted::jdk).orElse(""),
                shardByIp,
                lost,
                passes,
                decisions,
                injections,
                plane.activity(),
                breaker,
                cancelled);
    }

    static Optional<RunStarted> started(List<JournalEvent> events) {
        return events.stream()
                .filter(RunStarted.class::isInstance)
                .map(RunStarted.class::cast)
                .findFirst();
    }

    /** A monitor pass with the registry as it stood when the pass was journaled. */
    private static RunResult.MonitorPass pass(MonitorPass pass, List<JournalEvent> before, ControlPlaneTally plane) {
        Registry then = Registry.replay(before);
        Map<String, RegistryEntry> finals = then.finalEntryByIp();
        Set<String> untraceable = new HashSet<>(pass.untraceable());
        return new RunResult.MonitorPass(
                pass.ts(),
                pass.afterRound(),
                pass.ghosts(),
                pass.candidates().stream()
                        .map(finals::get)
                        .filter(Objects::nonNull)
                        .toList(),
                then.finalEntries().stream()
                        .filter(e -> untraceable.contains(e.attemptId()))
                        .toList(),
                then.lastEventByIp(),
                pass.invariantHolds(),
                pass.arithmetic(),
                plane.throttled,
                plane.maxRetry);
    }

    private static Duration between(String from, String to) {
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to));
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    /** What the control plane journaled so far. */
    private static final class ControlPlaneTally {
        private long throttled;
        private long maxRetry;
        private final List<UnreachableInstance> unreachable = new ArrayList<>();
        private final List<String> launched = new ArrayList<>();
        private final List<String> terminated = new ArrayList<>();

        void add(ControlPlaneEvent c) {
            throttled += c.throttled();
            Map<String, Object> details = c.details() == null ? Map.of() : c.details();
            if (details.get("max_retry_observed") instanceof Number n) {
                maxRetry = Math.max(maxRetry, n.longValue());
            }
            switch (c.kind()) {
                case "instance_unreachable" ->
                    unreachable.add(new UnreachableInstance(
                            String.valueOf(details.get("instance_id")), String.valueOf(details.get("reason")), c.ts()));
                case "instances_launched" -> ids(details).forEach(launched::add);
                case "instances_terminated" -> ids(details).forEach(terminated::add);
                default -> {}
            }
        }

        private static List<String> ids(Map<String, Object> details) {
            return details.get("instance_ids") instanceof List<?> ids
                    ? ids.stream().map(String::valueOf).toList()
                    : List.of();
        }

        ControlPlaneActivity activity() {
            return new ControlPlaneActivity(throttled, maxRetry, unreachable, launched, terminated);
        }
    }
}
