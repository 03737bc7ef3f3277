package dev.lazarus.run;

import dev.lazarus.journal.Events;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.WorkerVanished;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.verdict.CheckOutcome;
import dev.lazarus.verdict.Verdict;
import dev.lazarus.verdict.Verdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One node attempt's worker: it is admitted (or skipped), runs its {@link NodeAttempt} within the attempt's hard
 * bound, and ends exactly once, whatever ends it first: its own verdict, the harness watchdog, a cancellation, or a
 * crash of the harness around it. Its journal lines are kept to build its entry when it ends. When its last command
 * did not end (a stall, the bound, a cancellation, a dropped connection), the worker ends that command's process
 * group on the node before it lets the pass go on, so a resurrected attempt never runs beside it.
 */
final class NodeWorker implements Cancellation.InFlight {

    private final PlannedAttempt planned;
    private final Node node;
    private final RunScope run;
    private final PassCrew crew;
    private final Runnable onFinished;
    private final String attemptId = UUID.randomUUID().toString();
    private final List<JournalEvent> events = new ArrayList<>();
    private final AtomicReference<NodeSession> session = new AtomicReference<>();
    private boolean done;
    private volatile Thread worker;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Set once the worker ends its command's group on the node: from then on nothing interrupts it (bounded). */
    private boolean endingRemote;

    NodeWorker(PlannedAttempt planned, RunScope run, PassCrew crew, Runnable onFinished) {
        this.planned = planned;
        this.node = planned.node();
        this.run = run;
        this.crew = crew;
        this.onFinished = onFinished;
    }

    void work() {
        worker = Thread.currentThread();
        // the breaker may have tripped (or the run been cancelled) since this node was dispatched
        Optional<Admission.Stop> refused = run.admission()
                .admit(() -> record(new JournalEvent.AttemptStarted(
                        Events.now(),
                        attemptId,
                        node.publicIp(),
                        node.privateIp(),
                        planned.attempt(),
                        crew.env().shard(),
                        ProcessHandle.current().pid(),
                        worker.getName(),
                        planned.previousAttemptId())));
        if (refused.isPresent()) {
            skip(refused.get());
            return;
        }
        run.listener().attemptStarted(planned);
        crew.progress().nodeStarted(node.publicIp());
        Duration bound = crew.attemptBound();
        ScheduledFuture<?> deadline =
                crew.harnessWatchdog().schedule(() -> overran(bound), bound.toMillis(), TimeUnit.MILLISECONDS);
        run.admission().cancellation().started(this);
        try {
            NodeAttempt.CheckListener checks = new NodeAttempt.CheckListener() {
                @Override
                public void started(String check) {
                    run.listener().checkStarted(planned, check);
                }

                @Override
                public void ended(CheckOutcome outcome) {
                    run.listener().checkEnded(planned, outcome);
                }
            };
            finish(new NodeAttempt(node, attemptId, planned.attempt(), crew.env(), this::record, session::set, checks)
                    .run());
            endWhatWasLeftRunning();
        } catch (WorkerVanished e) {
            vanish(e);
        } catch (RuntimeException | Error e) {
            finish(Verdicts.harnessFailed(e));
            endWhatWasLeftRunning();
        } finally {
            deadline.cancel(false);
            run.admission().cancellation().finished(this);
            release();
        }
    }

    /** Ends, on the node, the process group of a command that did not end, and journals how that went. */
    private void endWhatWasLeftRunning() {
        NodeSession s = session.get();
        if (s == null || !s.commandLeftUnfinished()) {
            return;
        }
        boolean interrupted;
        synchronized (this) {
            endingRemote = true;
            interrupted = Thread.interrupted(); // a stopped worker still ends what it started
        }
        JournalEvent.RemoteKill kill;
        if (!run.config().remoteKill()) {
            kill = RemoteGroupKill.unknown(
                    attemptId, node, "lazarus.remote-kill=false: the command ran in no process group");
        } else {
            try {
                kill = new RemoteGroupKill(node, crew.env())
                        .end(attemptId, s.unfinishedGroup(), NodeAttempt.groupTag(attemptId));
            } catch (InterruptedException e) {
                interrupted = true;
                kill = RemoteGroupKill.unknown(attemptId, node, "stopped while it ended the command's group");
            }
        }
        try {
            run.journal().append(kill);
        } catch (RuntimeException e) {
            // the journal may have ended (a release by the fallback came first): nothing left to record it in
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets the pass go on: once, by the worker when it is done, or by the fallback when it never comes back. */
    private void release() {
        if (released.compareAndSet(false, true)) {
            onFinished.run();
        }
    }

    /**
     * Not started: the breaker is open or the run was cancelled. The node gets an entry ({@code skipped} with the
     * reason's tag), journaled by run control rather than a worker.
     */
    void skip(Admission.Stop stop) {
        try {
            String id = UUID.randomUUID().toString();
            run.journal()
                    .append(new JournalEvent.AttemptStarted(
                            Events.now(),
                            id,
                            node.publicIp(),
                            node.privateIp(),
                            planned.attempt(),
                            run.config().shard().label(),
                            ProcessHandle.current().pid(),
                            "run-control",
                            planned.previousAttemptId()));
            Verdict skipped = Verdicts.skipped(stop.tag(), stop.reason());
            run.journal().append(finished(id, skipped));
            crew.progress().nodeSkipped();
            run.listener().attemptEnded(planned, AttemptEnd.skipped("skipped: " + stop.reason()));
        } finally {
            release();
        }
    }

    /** The run is being cancelled: this attempt ends now, {@code interrupted}, and its session is closed. */
    @Override
    public void cancel(String reason) {
        finish(Verdicts.cancelled(reason));
        stopWorker();
    }

    /** A worker that does not come back after it was stopped (stuck outside anything interruptible) is let go. */
    private void releaseLater() {
        long grace = RemoteGroupKill.bound(crew.env().ssh()).toMillis();
        crew.harnessWatchdog().schedule(this::release, grace, TimeUnit.MILLISECONDS);
    }

    private synchronized void record(JournalEvent event) {
        if (!done) {
            run.journal().append(event);
            events.add(event);
        }
    }

    /** The harness watchdog: the attempt passed its hard bound; capture the worker's stack and end it. */
    private void overran(Duration bound) {
        Thread w = worker;
        StringBuilder stack = new StringBuilder("worker " + (w == null ? "?" : w.getName()) + " at the bound:\n");
        if (w != null) {
            for (StackTraceElement frame : w.getStackTrace()) {
                stack.append("\tat ").append(frame).append('\n');
            }
        }
        finish(Verdicts.overran(bound, stack.toString()));
        stopWorker();
    }

    private void stopWorker() {
        Optional.ofNullable(session.get()).ifPresent(NodeSession::close);
        synchronized (this) {
            Thread w = worker;
            if (w != null && !endingRemote) {
                w.interrupt();
            }
        }
        releaseLater();
    }

    /**
     * The worker disappeared without a verdict, as a killed process would: nothing more is journaled, so the monitor
     * must find the node as a ghost. Its test still ends, so every runner stays sane.
     */
    private void vanish(WorkerVanished e) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        try {
            crew.progress().nodeFinished(node.publicIp(), false);
            run.admission().failed(node.publicIp());
            run.listener()
                    .attemptEnded(
                            planned,
                            AttemptEnd.vanished("the worker vanished without a verdict (" + e.getMessage()
                                    + "); see verdict: ghosts"));
        } finally {
            release();
        }
    }

    private void finish(Verdict verdict) {
        RegistryEntry entry;
        AttemptTimeline timeline;
        synchronized (this) {
            if (done) {
                return;
            }
            JournalEvent.AttemptFinished event = finished(attemptId, verdict);
            run.journal().append(event);
            events.add(event);
            done = true;
            entry = Registry.replay(events).entries().get(0);
            timeline = Registry.timeline(events);
        }
        run.observers().each("after an attempt", o -> o.attemptFinished(run.context(), entry, timeline));
        boolean success = verdict.status().isSuccess();
        crew.progress().nodeFinished(node.publicIp(), success);
        if (success) {
            run.listener().attemptEnded(planned, AttemptEnd.succeeded());
        } else {
            run.admission().failed(node.publicIp());
            run.listener()
                    .attemptEnded(
                            planned,
                            AttemptEnd.failed(
                                    verdict.summary(run.config().commands().size())));
        }
    }

    private JournalEvent.AttemptFinished finished(String id, Verdict verdict) {
        return new JournalEvent.AttemptFinished(
                Events.now(),
                id,
                node.publicIp(),
                verdict.status(),
                verdict.tags(),
                verdict.failingCommandIndex(),
                verdict.failingCommand(),
                verdict.message(),
                verdict.stackTrace());
    }
}
