package dev.lazarus.run;

import dev.lazarus.config.ResurrectionPolicy;
import dev.lazarus.gatekeeper.Gatekeeper;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.RegistryEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After the first pass: monitor → gatekeeper → resurrection round, for as many rounds as the policy allows. The
 * monitor's findings and every decision are journaled before a round starts, and once more after the last one; the
 * test tree is told which failed attempts are superseded and which are final.
 */
final class Resurrection {

    private final RunScope run;
    private final Dispatcher dispatcher;
    private final Map<String, Node> byIp = new LinkedHashMap<>();

    Resurrection(RunScope run, Dispatcher dispatcher, List<Node> gold) {
        this.run = run;
        this.dispatcher = dispatcher;
        gold.forEach(n -> byIp.putIfAbsent(n.publicIp(), n));
    }

    /**
     * Runs the rounds after {@code first}, which has ended.
     *
     * @return true when every gold node ended {@code install_success}
     */
    boolean after(Pass first) throws InterruptedException {
        ResurrectionPolicy policy = run.config().resurrection();
        Gatekeeper gatekeeper = new Gatekeeper(policy);
        long firstPassEnded = System.nanoTime();
        Journal journal = run.journal();
        RunListener listener = run.listener();
        try {
            for (int round = 1; ; round++) {
                Registry registry = Registry.replay(run.readBack().read().events());
                FleetAssessment a = Monitor.assess(registry);
                journal.append(new JournalEvent.MonitorPass(
                        Events.now(),
                        round - 1,
                        a.ghosts(),
                        a.untraceable().stream().map(RegistryEntry::attemptId).toList(),
                        a.candidates(),
                        a.invariantHolds(),
                        a.arithmetic()));
                boolean clean = a.ghosts().isEmpty() && a.candidates().isEmpty();
                if (clean || round > policy.rounds() || run.admission().stop().isPresent()) {
                    listener.decisionsEnded(Optional.empty());
                    return clean;
                }
                List<Gatekeeper.Decision> admitted = new ArrayList<>();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - firstPassEnded);
                for (Gatekeeper.Decision d : gatekeeper.decide(round, a, registry, elapsed)) {
                    journal.append(new JournalEvent.GatekeeperDecision(
                            Events.now(), round, d.publicIp(), d.previousAttemptId(), d.resurrect(), d.reason()));
                    if (d.resurrect()) {
                        admitted.add(d);
                        listener.superseded(d.publicIp(), d.previousAttempt() + 1, round, d.reason());
                    } else if (!d.overBudget() || round == policy.rounds()) {
                        // a node left out only because the round was full waits for the next round
                        listener.failureIsFinal(d.publicIp());
                    }
                }
                if (admitted.isEmpty()) {
                    listener.decisionsEnded(Optional.empty());
                    return false;
                }
                Pass pass = new Pass(
                        round,
                        first.shardIndex(),
                        first.shardTotal(),
                        admitted.size(),
                        first.fleetSize(),
                        round < policy.rounds());
                List<PlannedAttempt> planned = admitted.stream()
                        .map(d -> new PlannedAttempt(
                                byIp.get(d.publicIp()), d.previousAttempt() + 1, d.previousAttemptId(), pass))
                        .toList();
                listener.passStarted(pass);
                try {
                    dispatcher.run(pass, planned);
                } catch (RuntimeException | InterruptedException e) {
                    listener.passEnded(pass, Optional.of(e));
                    throw e;
                }
                listener.passEnded(pass, Optional.empty());
            }
        } catch (RuntimeException | InterruptedException e) {
            listener.decisionsEnded(Optional.of(e));
            throw e;
        }
    }
}
