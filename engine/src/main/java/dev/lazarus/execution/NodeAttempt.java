package dev.lazarus.execution;

import dev.lazarus.controlplane.Node;
import dev.lazarus.extension.NodeHooks;
import dev.lazarus.extension.SyntheticFailure;
import dev.lazarus.extension.WorkerVanished;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.ssh.ExecResult;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshFailure;
import dev.lazarus.verdict.CommandCheck;
import dev.lazarus.verdict.Status;
import dev.lazarus.verdict.TryOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One try at installing one node: connect, then each command with its tries, classified by the DESIGN
 * table. Every step is journaled as it happens. It never throws: whatever happens becomes a verdict.
 */
final class NodeAttempt {

    /** stderr lines kept per command in the journal and the entry. */
    static final int STDERR_TAIL = 25;

    private final Node node;
    private final String threadUuid;
    private final int attempt;
    private final AttemptEnvironment env;
    private final Consumer<JournalEvent> record;
    private final Consumer<NodeSession> sessionOpened;

    NodeAttempt(
            Node node,
            String threadUuid,
            int attempt,
            AttemptEnvironment env,
            Consumer<JournalEvent> record,
            Consumer<NodeSession> sessionOpened) {
        this.node = node;
        this.threadUuid = threadUuid;
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
                        threadUuid,
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
                return Verdict.success();
            }
        } catch (SshFailure e) {
            return new Verdict(e.status(), e.tags(), null, null, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(
                    Status.STUB,
                    List.of(Status.STUB.tag(), "interrupted"),
                    null,
                    null,
                    "the attempt was interrupted before it had a classified outcome",
                    stackOf(e));
        } catch (WorkerVanished e) {
            throw e;
        } catch (RuntimeException | Error e) {
            List<String> tags = new ArrayList<>(List.of(
                    Status.INSTALL_FAILED.tag(),
                    "future_exception",
                    e.getClass().getSimpleName()));
            if (e instanceof SyntheticFailure synthetic) {
                tags.addAll(synthetic.tags());
            }
            return new Verdict(Status.INSTALL_FAILED, tags, null, null, "the worker crashed: " + e, stackOf(e));
        }
    }

    /** Runs one command with its tries; null when it succeeded, else the attempt's verdict. */
    private Verdict runCommand(NodeSession session, int index, String command) throws SshFailure, InterruptedException {
        String ip = node.publicIp();
        int tries = env.config().commandTries();
        CommandCheck check = CommandCheck.of(
                command, env.config().whitelistExtra(), env.config().strace());
        for (int tryNumber = 1; tryNumber <= tries; tryNumber++) {
            record.accept(new JournalEvent.CommandStarted(Events.now(), threadUuid, ip, index, command, tryNumber));
            ExecResult result =
                    session.exec(check.wireCommand(), env.streamWatchdog(), env.drainers(), check.stderrFilter());
            if (result.stalled()) {
                record.accept(new JournalEvent.CommandFinished(
                        Events.now(),
                        threadUuid,
                        ip,
                        index,
                        tryNumber,
                        null,
                        "watchdog_timeout",
                        tail(result.stderr()),
                        result.duration().toMillis(),
                        tail(result.stdoutTail())));
                long silent = result.silence().toSeconds();
                return new Verdict(
                        Status.WATCHDOG_TIMEOUT,
                        List.of(
                                Status.WATCHDOG_TIMEOUT.tag(),
                                "watchdog_triggered",
                                "stall_stdout_stderr",
                                "stall_command_" + index,
                                "stall_seconds_" + silent),
                        index,
                        command,
                        "no output on stdout or stderr for " + silent + " s (watchdog timeout "
                                + env.streamWatchdog().timeout().toSeconds() + " s)",
                        null);
            }
            CommandCheck.Judgement judgement = check.judge(result.exitStatus(), result.stderr());
            TryOutcome outcome = judgement.outcome();
            record.accept(new JournalEvent.CommandFinished(
                    Events.now(),
                    threadUuid,
                    ip,
                    index,
                    tryNumber,
                    outcome.exitStatus(),
                    outcome.kind().name().toLowerCase(java.util.Locale.ROOT),
                    tail(outcome.nonWhitelistedStderr()),
                    result.duration().toMillis(),
                    tail(result.stdoutTail())));
            if (outcome.isSuccess()) {
                return null;
            }
            if (tryNumber == tries) {
                return new Verdict(
                        outcome.finalStatus(), judgement.finalTags(tries), index, command, describe(outcome), null);
            }
            Thread.sleep(env.config().retryPause().toMillis());
        }
        throw new IllegalStateException("unreachable: the last try always returns");
    }

    private static String describe(TryOutcome outcome) {
        String exit = "exit " + outcome.exitStatus();
        return switch (outcome.kind()) {
            case SILENT_FAILURE -> exit + " with nothing on stderr";
            case STDERR_DETECTED, FATAL_EXIT_NONZERO ->
                exit + ", stderr: "
                        + String.join(
                                " | ",
                                outcome.nonWhitelistedStderr().stream().limit(3).toList());
            case SUCCESS -> exit;
        };
    }

    private static List<String> tail(List<String> lines) {
        return new ArrayList<>(lines.subList(Math.max(0, lines.size() - STDERR_TAIL), lines.size()));
    }

    static String stackOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
