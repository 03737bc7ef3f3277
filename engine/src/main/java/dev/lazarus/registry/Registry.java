package dev.lazarus.registry;

import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.AttemptFinished;
import dev.lazarus.journal.JournalEvent.AttemptStarted;
import dev.lazarus.journal.JournalEvent.CheckFinished;
import dev.lazarus.journal.JournalEvent.CheckStarted;
import dev.lazarus.journal.JournalEvent.CommandFinished;
import dev.lazarus.journal.JournalEvent.CommandStarted;
import dev.lazarus.journal.JournalEvent.Connected;
import dev.lazarus.journal.JournalEvent.GatekeeperDecision;
import dev.lazarus.journal.JournalEvent.GoldList;
import dev.lazarus.journal.JournalEvent.GoldNode;
import dev.lazarus.journal.JournalEvent.HostCommandRan;
import dev.lazarus.journal.JournalEvent.RemoteKill;
import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.CommandRecord;
import dev.lazarus.spi.FactRecord;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.verdict.Verdict;
import dev.lazarus.verdict.Verdicts;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of a run, rebuilt from the journal alone: the gold list and one entry per attempt, in the order
 * attempts started. Nothing here is kept anywhere but in the journal.
 */
public final class Registry {

    private final List<GoldNode> gold;
    private final List<RegistryEntry> entries;
    private final Map<String, String> lastEventByIp;

    private Registry(List<GoldNode> gold, List<RegistryEntry> entries, Map<String, String> lastEventByIp) {
        this.gold = List.copyOf(gold);
        this.entries = List.copyOf(entries);
        this.lastEventByIp = Map.copyOf(lastEventByIp);
    }

    public static Registry replay(List<JournalEvent> events) {
        List<GoldNode> gold = new ArrayList<>();
        Map<String, Builder> attempts = new LinkedHashMap<>();
        Map<String, String> lastEventByIp = new LinkedHashMap<>();
        Map<String, String> lastEventByAttempt = new HashMap<>();
        Map<String, String> supersededBy = new HashMap<>();
        Set<String> resurrected = new HashSet<>();
        for (JournalEvent event : events) {
            String attempt = event.attemptId();
            if (attempt != null) {
                // lifecycle events only: what a node's worker reached, not what was said about the node
                lastEventByIp.put(event.publicIp(), event.name());
                lastEventByAttempt.put(attempt, event.name());
            }
            if (event instanceof GoldList g) {
                gold.addAll(g.nodes());
            } else if (event instanceof AttemptStarted s) {
                attempts.put(s.attemptId(), new Builder(s));
                if (s.previousAttemptId() != null) {
                    supersededBy.put(s.previousAttemptId(), s.attemptId());
                }
            } else if (event instanceof CommandStarted c) {
                Optional.ofNullable(attempts.get(c.attemptId())).ifPresent(b -> b.started(c));
            } else if (event instanceof CommandFinished c) {
                Optional.ofNullable(attempts.get(c.attemptId())).ifPresent(b -> b.finished(c));
            } else if (event instanceof CheckStarted c) {
                Optional.ofNullable(attempts.get(c.attemptId())).ifPresent(b -> b.checkStarted(c));
            } else if (event instanceof HostCommandRan h) {
                Optional.ofNullable(attempts.get(h.attemptId())).ifPresent(b -> b.hostCommand(h));
            } else if (event instanceof CheckFinished c) {
                Optional.ofNullable(attempts.get(c.attemptId())).ifPresent(b -> b.checkFinished(c));
            } else if (event instanceof RemoteKill k) {
                Optional.ofNullable(attempts.get(k.killedAttemptId())).ifPresent(b -> b.remoteKill = k);
            } else if (event instanceof AttemptFinished f) {
                Optional.ofNullable(attempts.get(f.attemptId())).ifPresent(b -> b.finish(f));
            } else if (event instanceof GatekeeperDecision d && d.resurrect() && d.previousAttemptId() != null) {
                resurrected.add(d.previousAttemptId());
            }
        }
        List<RegistryEntry> entries = attempts.values().stream()
                .map(b -> b.build(
                        lastEventByAttempt.get(b.started.attemptId()),
                        resurrected.contains(b.started.attemptId()),
                        supersededBy.get(b.started.attemptId())))
                .toList();
        return new Registry(gold, entries, lastEventByIp);
    }

    /**
     * This registry with every attempt that has no verdict closed as a killed run leaves it ({@code stub},
     * {@code interrupted}, the last event it reached).
     */
    public Registry closeInterrupted() {
        List<RegistryEntry> closed =
                entries.stream().map(e -> e.isFinal() ? e : killed(e)).toList();
        return new Registry(gold, closed, lastEventByIp);
    }

    private static RegistryEntry killed(RegistryEntry e) {
        Verdict v = Verdicts.killed(e.lastEvent());
        return new RegistryEntry(
                e.attemptId(),
                e.shard(),
                e.pid(),
                e.thread(),
                e.attempt(),
                v.status(),
                e.publicIp(),
                e.privateIp(),
                e.timestamp(),
                v.tags(),
                e.commands(),
                e.checks(),
                v.failingCommandIndex(),
                v.failingCommand(),
                v.message(),
                e.lastEvent(),
                v.stackTrace(),
                e.previousAttemptId(),
                e.supersededBy(),
                e.remoteKill());
    }

    /** When the steps of one attempt happened, from that attempt's own journal events, in order. */
    public static AttemptTimeline timeline(List<JournalEvent> own) {
        if (own.isEmpty()) {
            throw new IllegalArgumentException("an attempt's timeline needs its events");
        }
        Optional<AttemptTimeline.Connection> connected = own.stream()
                .filter(Connected.class::isInstance)
                .map(Connected.class::cast)
                .findFirst()
                .map(c -> new AttemptTimeline.Connection(c.ts(), c.connectAttempts(), c.handshakeMs()));
        Map<Integer, String[]> spans = new TreeMap<>();
        for (JournalEvent e : own) {
            if (e instanceof CommandStarted c) {
                spans.computeIfAbsent(c.index(), i -> new String[] {c.ts(), c.ts()})[1] = c.ts();
            } else if (e instanceof CommandFinished c) {
                spans.computeIfAbsent(c.index(), i -> new String[] {c.ts(), c.ts()})[1] = c.ts();
            }
        }
        List<AttemptTimeline.CommandSpan> commands = new ArrayList<>();
        spans.forEach((index, span) -> commands.add(new AttemptTimeline.CommandSpan(index, span[0], span[1])));
        return new AttemptTimeline(
                own.get(0).ts(), connected, commands, own.get(own.size() - 1).ts());
    }

    public List<GoldNode> gold() {
        return gold;
    }

    public List<String> goldIps() {
        return gold.stream().map(GoldNode::publicIp).toList();
    }

    /** Every attempt, final or not, in start order. */
    public List<RegistryEntry> entries() {
        return entries;
    }

    /** Attempts that reached a verdict. */
    public List<RegistryEntry> finalEntries() {
        return entries.stream().filter(RegistryEntry::isFinal).toList();
    }

    /** The latest final attempt of each IP: the node's verdict. */
    public Map<String, RegistryEntry> finalEntryByIp() {
        Map<String, RegistryEntry> byIp = new TreeMap<>();
        for (RegistryEntry e : finalEntries()) {
            byIp.merge(e.publicIp(), e, (a, b) -> b.attempt() >= a.attempt() ? b : a);
        }
        return byIp;
    }

    /** The last lifecycle event of each IP whose worker journaled one. */
    public Map<String, String> lastEventByIp() {
        return lastEventByIp;
    }

    /** The name of the last lifecycle event (attempt started, connected, command…, attempt finished) of this IP. */
    public Optional<String> lastEventOf(String ip) {
        return Optional.ofNullable(lastEventByIp.get(ip));
    }

    private static final class Builder {
        private final AttemptStarted started;
        private final Map<Integer, String> commandText = new TreeMap<>();
        private final Map<Integer, String> firstStart = new TreeMap<>();
        private final Map<Integer, List<CommandFinished>> triesOf = new TreeMap<>();
        private final List<CheckBuilder> checks = new ArrayList<>();
        private AttemptFinished finished;
        private RemoteKill remoteKill;

        Builder(AttemptStarted started) {
            this.started = started;
        }

        void started(CommandStarted c) {
            commandText.put(c.index(), c.command());
            firstStart.putIfAbsent(c.index(), c.ts());
        }

        void finished(CommandFinished c) {
            triesOf.computeIfAbsent(c.index(), i -> new ArrayList<>()).add(c);
        }

        void checkStarted(CheckStarted c) {
            checks.add(new CheckBuilder(c));
        }

        void hostCommand(HostCommandRan h) {
            if (!checks.isEmpty()) {
                checks.get(checks.size() - 1)
                        .facts
                        .add(new FactRecord(
                                h.fact(),
                                h.command(),
                                h.exitStatus(),
                                h.outcome(),
                                h.stdout(),
                                h.stderr(),
                                h.durationMs(),
                                h.ts()));
            }
        }

        void checkFinished(CheckFinished c) {
            if (!checks.isEmpty()) {
                checks.get(checks.size() - 1).finished = c;
            }
        }

        void finish(AttemptFinished f) {
            if (finished == null) {
                finished = f; // the first verdict wins; a second one would be a harness bug
            }
        }

        RegistryEntry build(String lastEvent, boolean resurrected, String supersededBy) {
            List<String> tags = new ArrayList<>(finished == null ? List.of() : finished.tags());
            if (resurrected) {
                tags.add("gatekeeper_resurrect");
            }
            if (remoteKill != null && finished != null) {
                tags.addAll(Verdicts.afterRemoteKill(remoteKill.confirmed()));
            }
            List<CommandRecord> commands = new ArrayList<>();
            triesOf.forEach((index, tries) -> {
                CommandFinished c = tries.get(tries.size() - 1);
                commands.add(new CommandRecord(
                        index,
                        commandText.get(index),
                        c.tryNumber(),
                        c.exitStatus(),
                        c.outcome(),
                        c.stderr(),
                        c.durationMs(),
                        c.stdout(),
                        c.whitelistedStderr(),
                        c.whitelistedCount(),
                        tries.stream()
                                .map(t -> new CommandRecord.Try(
                                        t.tryNumber(),
                                        t.exitStatus(),
                                        t.outcome(),
                                        t.durationMs(),
                                        t.stderr() == null || t.stderr().isEmpty()
                                                ? null
                                                : t.stderr().get(0)))
                                .toList(),
                        millisBetween(firstStart.getOrDefault(index, c.ts()), c.ts()),
                        (int) tries.stream()
                                .filter(t -> LOCK_CONTENTION.equals(t.outcome()))
                                .count()));
            });
            return new RegistryEntry(
                    started.attemptId(),
                    started.shard(),
                    started.pid(),
                    started.thread(),
                    started.attempt(),
                    finished == null ? null : finished.status(),
                    started.publicIp(),
                    started.privateIp(),
                    finished == null ? started.ts() : finished.ts(),
                    tags,
                    commands,
                    checks.stream().map(CheckBuilder::build).toList(),
                    finished == null ? null : finished.failingCommandIndex(),
                    finished == null ? null : finished.failingCommand(),
                    finished == null ? null : finished.message(),
                    lastEvent,
                    finished == null ? null : finished.stackTrace(),
                    started.previousAttemptId(),
                    supersededBy,
                    remoteKill == null ? null : remoteKill.outcome());
        }
    }

    /** The outcome of a try that failed only on a package-manager lock. */
    public static final String LOCK_CONTENTION = "lock_contention";

    private static long millisBetween(String from, String to) {
        try {
            return Math.max(
                    0, Duration.between(Instant.parse(from), Instant.parse(to)).toMillis());
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static final class CheckBuilder {
        private final CheckStarted started;
        private final List<FactRecord> facts = new ArrayList<>();
        private CheckFinished finished;

        CheckBuilder(CheckStarted started) {
            this.started = started;
        }

        CheckRecord build() {
            return new CheckRecord(
                    started.check(),
                    started.phase(),
                    finished == null ? null : finished.outcome(),
                    finished == null ? null : finished.message(),
                    started.ts(),
                    finished == null ? null : finished.ts(),
                    finished == null ? 0 : finished.durationMs(),
                    facts);
        }
    }
}
