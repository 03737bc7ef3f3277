package dev.lazarus.run;

import dev.lazarus.api.NodeInfo;
import dev.lazarus.check.ScenarioInstance;
import dev.lazarus.check.ScenarioMethod;
import dev.lazarus.check.ScenarioMethods;
import dev.lazarus.config.CommandVariables;
import dev.lazarus.host.HostCommand;
import dev.lazarus.host.SessionHost;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.WorkerVanished;
import dev.lazarus.ssh.ExecResult;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshFailure;
import dev.lazarus.verdict.CheckOutcome;
import dev.lazarus.verdict.CommandCheck;
import dev.lazarus.verdict.TryOutcome;
import dev.lazarus.verdict.Verdict;
import dev.lazarus.verdict.Verdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One try at installing one node: connect, the scenario's {@code @BeforeInstall} methods, each command with its tries
 * (each try classified), then its node checks, all in the one SSH session. Every step is journaled as it happens. It
 * never throws: whatever happens becomes a verdict (a vanished worker aside, which is a ghost on purpose).
 */
final class NodeAttempt {

    /** stderr and stdout lines kept per command in the journal and the entry. */
    static final int TAIL_LINES = 25;

    /** stdout lines of a host command kept in the journal: its first, where a fact's answer is. */
    static final int FACT_LINES = 100;

    /** Who is told as each node check starts and ends. */
    interface CheckListener {
        void started(String check);

        void ended(CheckOutcome outcome);
    }

    private final Node node;
    private final String attemptId;
    private final int attempt;
    private final AttemptEnvironment env;
    private final Consumer<JournalEvent> record;
    private final Consumer<NodeSession> sessionOpened;
    private final CheckListener checks;
    /** The scenario method running, whose host commands are journaled as its own. */
    private String running;
    /** Whether any command ran more than once, and the package-lock waits so far, in this attempt. */
    private boolean retried;

    private int lockWaits;
    private Duration lockWaited = Duration.ZERO;

    NodeAttempt(
            Node node,
            String attemptId,
            int attempt,
            AttemptEnvironment env,
            Consumer<JournalEvent> record,
            Consumer<NodeSession> sessionOpened,
            CheckListener checks) {
        this.node = node;
        this.attemptId = attemptId;
        this.attempt = attempt;
        this.env = env;
        this.record = record;
        this.sessionOpened = sessionOpened;
        this.checks = checks;
    }

    /** Runs the attempt; its {@code attempt_started} is journaled by the caller, which admits it. */
    Verdict run() {
        String ip = node.publicIp();
        NodeHooks hooks = env.hooks();
        try {
            hooks.beforeConnect(ip, attempt);
            try (NodeSession session = NodeSession.open(node, env.sshConfig(), env.ssh(), env.handshakes())) {
                sessionOpened.accept(session);
                record.accept(new JournalEvent.Connected(
                        Events.now(),
                        attemptId,
                        ip,
                        session.connectAttempts(),
                        session.handshake().toMillis()));
                hooks.afterConnect(ip, attempt);
                NodeInfo info = env.info(node);
                ScenarioMethods methods = env.config().methods();
                ScenarioInstance scenario = methods.isEmpty() ? null : scenario(session, info);
                for (ScenarioMethod method : methods.beforeInstall()) {
                    CheckOutcome outcome = call(scenario, CheckRecord.BEFORE_INSTALL, method);
                    if (!outcome.passed()) {
                        return Verdicts.beforeInstallFailed(outcome);
                    }
                }
                List<String> commands = env.config().commands();
                for (int index = 0; index < commands.size(); index++) {
                    String command = CommandVariables.expand(
                            commands.get(index), info, env.run().runId());
                    Verdict failure = runCommand(session, index, command);
                    if (failure != null) {
                        return failure;
                    }
                    hooks.afterCommand(ip, attempt, index);
                }
                List<CheckOutcome> failed = new ArrayList<>();
                for (ScenarioMethod check : methods.checks()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("interrupted between node checks");
                    }
                    checks.started(check.name());
                    CheckOutcome outcome = call(scenario, CheckRecord.CHECK, check);
                    checks.ended(outcome);
                    if (!outcome.passed()) {
                        failed.add(outcome);
                    }
                }
                if (!failed.isEmpty()) {
                    return Verdicts.checksFailed(failed);
                }
                hooks.beforeSuccess(ip, attempt);
                List<String> saved = contentionTags();
                if (retried) {
                    saved.add(0, "command_retried");
                }
                return Verdicts.success().with(saved);
            }
        } catch (SshFailure e) {
            return Verdicts.ssh(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdicts.interrupted(e);
        } catch (WorkerVanished e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return Verdicts.crashed(e);
        }
    }

    /** What the attempt's commands carry in their process group leader's command line, null without remote kill. */
    private String groupTag() {
        return env.config().remoteKill() ? groupTag(attemptId) : null;
    }

    /** The process-group tag of an attempt's commands. */
    static String groupTag(String attemptId) {
        return "lazarus-" + attemptId;
    }

    /** The scenario class for this attempt, its methods reading facts through the attempt's session. */
    private ScenarioInstance scenario(NodeSession session, NodeInfo info) {
        SessionHost host = new SessionHost(
                info,
                session,
                env.streamWatchdog(),
                env.drainers(),
                env.config().become(),
                groupTag(),
                env.config().whitelistExtra(),
                this::hostCommand);
        return new ScenarioInstance(env.config().scenarioClass(), host, info, env.run());
    }

    /** Runs one scenario method, journaling its start, its host commands and its end. */
    private CheckOutcome call(ScenarioInstance scenario, String phase, ScenarioMethod method) {
        String ip = node.publicIp();
        running = method.name();
        record.accept(new JournalEvent.CheckStarted(Events.now(), attemptId, ip, phase, method.name()));
        long start = System.nanoTime();
        CheckOutcome outcome = scenario.call(method);
        record.accept(new JournalEvent.CheckFinished(
                Events.now(),
                attemptId,
                ip,
                phase,
                method.name(),
                outcome.kind().tag(),
                outcome.message(),
                (System.nanoTime() - start) / 1_000_000));
        return outcome;
    }

    private void hostCommand(HostCommand c) {
        List<String> stdout = c.result().stdout().isEmpty()
                ? List.of()
                : c.result().stdout().lines().toList();
        if (stdout.size() > FACT_LINES) {
            int more = stdout.size() - FACT_LINES;
            stdout = new ArrayList<>(stdout.subList(0, FACT_LINES));
            stdout.add("… " + more + " more line(s)");
        }
        record.accept(new JournalEvent.HostCommandRan(
                Events.now(),
                attemptId,
                node.publicIp(),
                running,
                c.fact(),
                c.result().command(),
                c.result().exitStatus() < 0 ? null : c.result().exitStatus(),
                c.outcome(),
                stdout,
                tail(c.stderr()),
                c.result().duration().toMillis()));
    }

    /**
     * Runs one command with its tries; null when it succeeded, else the attempt's verdict. A try that failed only on
     * a package-manager lock is waited out with exponential backoff, within the attempt's lock-wait budget, and does
     * not count as a try; a counted failed try pauses exponentially longer before the next.
     */
    private Verdict runCommand(NodeSession session, int index, String command) throws SshFailure, InterruptedException {
        String ip = node.publicIp();
        int tries = env.config().commandTries();
        CommandCheck check = CommandCheck.of(
                command,
                env.config().whitelistExtra(),
                env.config().strace(),
                env.config().become(),
                groupTag());
        int counted = 0;
        for (int execution = 1; ; execution++) {
            record.accept(new JournalEvent.CommandStarted(Events.now(), attemptId, ip, index, command, execution));
            ExecResult result =
                    session.exec(check.wireCommand(), env.streamWatchdog(), env.drainers(), check.stderrFilter());
            if (execution > 1) {
                retried = true;
            }
            if (result.stalled()) {
                record.accept(finished(index, execution, null, "watchdog_timeout", result.stderr(), result));
                return Verdicts.stalled(
                                index,
                                command,
                                result.silence(),
                                env.streamWatchdog().timeout())
                        .with(contentionTags());
            }
            CommandCheck.Judgement judgement = check.judge(result.exitStatus(), result.stderr());
            TryOutcome outcome = judgement.outcome();
            Duration lockWait = judgement.lockedOnly() ? lockPause() : Duration.ZERO;
            boolean waitOut = !lockWait.isZero();
            record.accept(finished(
                    index,
                    execution,
                    outcome.exitStatus(),
                    waitOut ? Registry.LOCK_CONTENTION : outcome.kind().name().toLowerCase(Locale.ROOT),
                    outcome.nonWhitelistedStderr(),
                    result));
            if (outcome.isSuccess()) {
                return null;
            }
            if (waitOut) {
                lockWaits++;
                lockWaited = lockWaited.plus(lockWait);
                Thread.sleep(lockWait.toMillis());
                continue;
            }
            counted++;
            if (counted == tries || judgement.becomeRefused()) {
                return Verdicts.lastTry(judgement, counted, index, command).with(contentionTags());
            }
            Thread.sleep(env.config().retryBackoff().pause(counted).toMillis());
        }
    }

    /** The next wait on a package lock, cut to what is left of the lock-wait budget; zero when none is left. */
    private Duration lockPause() {
        Duration left = env.config().lockWait().minus(lockWaited);
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        Duration next = env.config().lockBackoff().pause(lockWaits + 1);
        return next.compareTo(left) < 0 ? next : left;
    }

    /** What the tries so far say beside the verdict: a retry saved the node, or a package lock was waited out. */
    private List<String> contentionTags() {
        List<String> tags = new ArrayList<>();
        if (lockWaits > 0) {
            tags.add("lock_contention");
            tags.add("lock_waits_" + lockWaits);
        }
        return tags;
    }

    private JournalEvent.CommandFinished finished(
            int index, int execution, Integer exit, String outcome, List<String> stderr, ExecResult result) {
        return new JournalEvent.CommandFinished(
                Events.now(),
                attemptId,
                node.publicIp(),
                index,
                execution,
                exit,
                outcome,
                tail(stderr),
                result.duration().toMillis(),
                tail(result.stdoutTail()),
                result.filteredStderr(),
                result.filteredCount());
    }

    private static List<String> tail(List<String> lines) {
        return new ArrayList<>(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
