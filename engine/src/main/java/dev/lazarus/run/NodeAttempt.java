package dev.lazarus.run;

import dev.lazarus.journal.Events;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.WorkerVanished;
import dev.lazarus.ssh.ExecResult;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshFailure;
import dev.lazarus.verdict.CommandCheck;
import dev.lazarus.verdict.TryOutcome;
import dev.lazarus.verdict.Verdict;
import dev.lazarus.verdict.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One try at installing one node: connect, then each command with its tries, each try classified. Every step is
 * journaled as it happens. It never throws: whatever happens becomes a verdict (a vanished worker aside, which is
 * a ghost on purpose).
 */
final class NodeAttempt {

    /** stderr and stdout lines kept per command in the journal and the entry. */
    static final int TAIL_LINES = 25;

    private final Node node;
    private final String attemptId;
    private final int attempt;
    private final AttemptEnvironment env;
    private final Consumer<JournalEvent> record;
    private final Consumer<NodeSession> sessionOpened;

    NodeAttempt(
            Node node,
            String attemptId,
            int attempt,
            AttemptEnvironment env,
            Consumer<JournalEvent> record,
            Consumer<NodeSession> sessionOpened) {
        this.node = node;
        this.attemptId = attemptId;
        this.attempt = attempt;
        this.env = env;
        this.record = record;
        this.sessionOpened = sessionOpened;
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
                List<String> commands = env.config().commands();
                for (int index = 0; index < commands.size(); index++) {
                    Verdict failure = runCommand(session, index, commands.get(index));
                    if (failure != null) {
                        return failure;
                    }
                    hooks.afterCommand(ip, attempt, index);
                }
                hooks.beforeSuccess(ip, attempt);
                return Verdicts.success();
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

    /** Runs one command with its tries; null when it succeeded, else the attempt's verdict. */
    private Verdict runCommand(NodeSession session, int index, String command) throws SshFailure, InterruptedException {
        String ip = node.publicIp();
        int tries = env.config().commandTries();
        CommandCheck check = CommandCheck.of(
                command, env.config().whitelistExtra(), env.config().strace());
        for (int tryNumber = 1; tryNumber <= tries; tryNumber++) {
            record.accept(new JournalEvent.CommandStarted(Events.now(), attemptId, ip, index, command, tryNumber));
            ExecResult result =
                    session.exec(check.wireCommand(), env.streamWatchdog(), env.drainers(), check.stderrFilter());
            if (result.stalled()) {
                record.accept(new JournalEvent.CommandFinished(
                        Events.now(),
                        attemptId,
                        ip,
                        index,
                        tryNumber,
                        null,
                        "watchdog_timeout",
                        tail(result.stderr()),
                        result.duration().toMillis(),
                        tail(result.stdoutTail())));
                return Verdicts.stalled(
                        index, command, result.silence(), env.streamWatchdog().timeout());
            }
            CommandCheck.Judgement judgement = check.judge(result.exitStatus(), result.stderr());
            TryOutcome outcome = judgement.outcome();
            record.accept(new JournalEvent.CommandFinished(
                    Events.now(),
                    attemptId,
                    ip,
                    index,
                    tryNumber,
                    outcome.exitStatus(),
                    outcome.kind().name().toLowerCase(Locale.ROOT),
                    tail(outcome.nonWhitelistedStderr()),
                    result.duration().toMillis(),
                    tail(result.stdoutTail())));
            if (outcome.isSuccess()) {
                return null;
            }
            if (tryNumber == tries) {
                return Verdicts.lastTry(judgement, tries, index, command);
            }
            Thread.sleep(env.config().retryPause().toMillis());
        }
        throw new IllegalStateException("unreachable: the last try always returns");
    }

    private static List<String> tail(List<String> lines) {
        return new ArrayList<>(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
