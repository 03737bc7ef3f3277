package dev.lazarus.verdict;

import dev.lazarus.spi.Status;
import dev.lazarus.spi.SyntheticFailure;
import dev.lazarus.ssh.SshFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that says what status and tags an attempt gets for what happened to it: a command's last try, a
 * stall, SSH trouble, a crash, the harness's own bound, a cancellation, a node never started, a run killed midway.
 * Every tag list starts with the status's own tag.
 */
public final class Verdicts {

    private Verdicts() {}

    public static Verdict success() {
        return of(Status.INSTALL_SUCCESS, List.of(), null, null, null, null);
    }

    /** The last try of command {@code index} was not a success: its classification decides. */
    public static Verdict lastTry(CommandCheck.Judgement judgement, int tries, int index, String command) {
        TryOutcome outcome = judgement.outcome();
        return new Verdict(outcome.finalStatus(), judgement.finalTags(tries), index, command, describe(outcome), null);
    }

    /** No byte on stdout or stderr of command {@code index} for the watchdog timeout. */
    public static Verdict stalled(int index, String command, Duration silence, Duration watchdogTimeout) {
        long silent = silence.toSeconds();
        return of(
                Status.WATCHDOG_TIMEOUT,
                List.of(
                        "watchdog_triggered",
                        "stall_stdout_stderr",
                        "stall_command_" + (index + 1), // counted as the message counts: command 1/M is the first
                        "stall_seconds_" + silent),
                index,
                command,
                "no output on stdout or stderr for " + silent + " s (watchdog timeout " + watchdogTimeout.toSeconds()
                        + " s)",
                null);
    }

    /** SSH ended the attempt: refused, never up, login or host key rejected, or dropped mid-command. */
    public static Verdict ssh(SshFailure failure) {
        String lastError = "last_error_" + failure.lastError().orElse("none");
        String attempts = "ssh_attempts_" + failure.connectAttempts();
        return switch (failure.kind()) {
            case UNREACHABLE -> of(Status.SSH_RETRY_FAILED, List.of(attempts, lastError), failure);
            case NO_HANDSHAKE_PERMIT -> of(Status.SSH_RETRY_FAILED, List.of("handshake_permit_timeout"), failure);
            case HANDSHAKE_STALLED ->
                of(
                        Status.SSH_INITIATED_FAILED,
                        failure.timedOut()
                                ? List.of("ssh_connect_stall", "watchdog_triggered", attempts, lastError)
                                : List.of("ssh_connect_stall", attempts, lastError),
                        failure);
            case AUTH_REJECTED -> of(Status.SSH_INITIATED_FAILED, List.of("auth_failed"), failure);
            case HOST_KEY_UNKNOWN -> of(Status.SSH_INITIATED_FAILED, List.of("host_key_unknown"), failure);
            case HOST_KEY_CHANGED -> of(Status.SSH_INITIATED_FAILED, List.of("host_key_changed"), failure);
            case CONNECTION_DROPPED ->
                of(Status.SSH_INITIATED_FAILED, List.of("connection_dropped", lastError), failure);
        };
    }

    /** The worker crashed inside the attempt; an injected crash adds its own tags. */
    public static Verdict crashed(Throwable e) {
        List<String> tags =
                new ArrayList<>(List.of("future_exception", e.getClass().getSimpleName()));
        if (e instanceof SyntheticFailure synthetic) {
            tags.addAll(synthetic.tags());
        }
        return of(Status.INSTALL_FAILED, tags, null, null, "the worker crashed: " + e, stackOf(e));
    }

    /** The harness failed around the attempt (not inside it). */
    public static Verdict harnessFailed(Throwable e) {
        return of(
                Status.INSTALL_FAILED,
                List.of("future_exception", e.getClass().getSimpleName()),
                null,
                null,
                "the harness failed around the attempt: " + e,
                stackOf(e));
    }

    /** The worker was interrupted before the attempt had a classified outcome. */
    public static Verdict interrupted(InterruptedException e) {
        return of(
                Status.STUB,
                List.of("interrupted"),
                null,
                null,
                "the attempt was interrupted before it had a classified outcome",
                stackOf(e));
    }

    /** The run was cancelled while this attempt ran. */
    public static Verdict cancelled(String reason) {
        return of(
                Status.STUB, List.of("interrupted", "cancelled"), null, null, reason + " while this attempt ran", null);
    }

    /** The attempt passed its hard bound; {@code stack} is where its worker was then. */
    public static Verdict overran(Duration bound, String stack) {
        return of(
                Status.WATCHDOG_TIMEOUT,
                List.of("harness_watchdog", "attempt_bound_" + bound.toSeconds() + "s"),
                null,
                null,
                "the attempt passed its hard bound of " + bound.toSeconds() + " s and was ended",
                stack);
    }

    /**
     * The install succeeded and these checks did not: {@code check_failed}, a {@code check_<method>} tag for each, and
     * {@code check_error} when one threw something other than an assertion error.
     */
    public static Verdict checksFailed(List<CheckOutcome> failed) {
        if (failed.isEmpty() || failed.stream().anyMatch(CheckOutcome::passed)) {
            throw new IllegalArgumentException("checksFailed needs failed checks only: " + failed);
        }
        List<String> tags = new ArrayList<>();
        failed.forEach(c -> tags.add("check_" + c.method()));
        if (failed.stream().anyMatch(c -> c.kind() == CheckOutcome.Kind.ERROR)) {
            tags.add("check_error");
        }
        failed.stream().flatMap(c -> c.tags().stream()).distinct().forEach(tags::add);
        StringBuilder message = new StringBuilder();
        for (CheckOutcome c : failed) {
            message.append(message.length() == 0 ? "" : "\n")
                    .append("check ")
                    .append(c.method())
                    .append(c.kind() == CheckOutcome.Kind.ERROR ? " broke: " : " failed: ")
                    .append(c.message());
        }
        return of(
                Status.CHECK_FAILED,
                tags,
                null,
                null,
                message.toString(),
                stackOf(failed.get(0).failure()));
    }

    /**
     * A {@code @BeforeInstall} method did not return: the install never began. {@code become_failed} among its tags
     * when {@code sudo -n} refused one of its host commands.
     */
    public static Verdict beforeInstallFailed(CheckOutcome outcome) {
        List<String> tags = new ArrayList<>(List.of("before_install_failed", "before_install_" + outcome.method()));
        tags.addAll(outcome.tags());
        return of(
                Status.INSTALL_FAILED,
                tags,
                null,
                null,
                "@BeforeInstall " + outcome.method() + " failed: " + outcome.message(),
                stackOf(outcome.failure()));
    }

    /**
     * What ending a command left running adds to its attempt's tags: {@code remote_orphan_possible} when nothing
     * confirmed it ended (the node unreachable, the group alive after SIGKILL, no process group known).
     */
    public static List<String> afterRemoteKill(boolean confirmed) {
        return confirmed ? List.of() : List.of("remote_orphan_possible");
    }

    /** The node was never started; {@code tag} says why ({@code circuit_open}, {@code cancelled}). */
    public static Verdict skipped(String tag, String reason) {
        return of(Status.SKIPPED, List.of(tag), null, null, reason, null);
    }

    /** The run was killed before this attempt had a verdict; {@code lastEvent} is the last one it journaled. */
    public static Verdict killed(String lastEvent) {
        return of(
                Status.STUB,
                List.of("interrupted", "last_event_" + lastEvent),
                null,
                null,
                "the run ended before this attempt had a verdict; last lifecycle event: " + lastEvent,
                null);
    }

    private static String stackOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static Verdict of(Status status, List<String> tags, SshFailure failure) {
        return of(status, tags, null, null, failure.getMessage(), null);
    }

    private static Verdict of(
            Status status, List<String> tags, Integer index, String command, String message, String stackTrace) {
        List<String> all = new ArrayList<>(List.of(status.tag()));
        all.addAll(tags);
        return new Verdict(status, all, index, command, message, stackTrace);
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
}
