package dev.lazarus.run;

import dev.lazarus.journal.Events;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.spi.Node;
import dev.lazarus.ssh.ExecResult;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshFailure;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.verdict.Shell;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ends the process group a command left running on its node when its attempt ended early (sshd does not end a
 * command whose connection went: a hung {@code apt-get} would keep dpkg's lock). Over a fresh connection: SIGTERM to
 * the group, a grace period, then SIGKILL, each confirmed with {@code ps}. Bounded: two connect attempts, then a few
 * seconds of polling.
 */
final class RemoteGroupKill {

    /** Polls of {@code ps} after SIGTERM (and after SIGKILL), 100 ms apart. */
    static final int TERM_POLLS = 30;

    static final int KILL_POLLS = 10;

    private final Node node;
    private final AttemptEnvironment env;

    RemoteGroupKill(Node node, AttemptEnvironment env) {
        this.node = node;
        this.env = env;
    }

    /**
     * Ends the group of the attempt's unfinished command: {@code group} when the command said it, else whatever
     * process group leaders carry the attempt's {@code tag}. Says how that went, as the journal keeps it.
     */
    JournalEvent.RemoteKill end(String attemptId, Optional<Long> group, String tag) throws InterruptedException {
        SshSettings ssh = env.ssh();
        SshSettings brief = new SshSettings(
                ssh.connectTimeout(),
                ssh.authTimeout(),
                Math.min(2, ssh.connectAttempts()),
                ssh.backoffBase(),
                ssh.permitWait());
        Long known = group.orElse(null);
        try (NodeSession session = NodeSession.open(node, env.sshConfig(), brief, env.handshakes())) {
            List<Long> groups = group.isPresent() ? List.of(group.get()) : leaders(session, tag);
            if (groups.isEmpty()) {
                return event(attemptId, null, "none_running", "no process carries " + tag + " any more");
            }
            known = groups.get(0);
            boolean any = false;
            for (long g : groups) {
                any |= run(session, "kill -TERM -" + g).exitStatus() == 0;
            }
            if (!any) {
                return event(attemptId, known, "none_running", "the group had ended by itself");
            }
            if (gone(session, groups, TERM_POLLS)) {
                return event(attemptId, known, "ended", "ended by SIGTERM");
            }
            for (long g : groups) {
                run(session, "kill -KILL -" + g);
            }
            if (gone(session, groups, KILL_POLLS)) {
                return event(attemptId, known, "ended", "ended by SIGKILL after " + TERM_POLLS / 10 + " s");
            }
            return event(attemptId, known, "alive", "still running after SIGKILL");
        } catch (SshFailure e) {
            return event(attemptId, known, "unreachable", e.getMessage());
        }
    }

    /** The process group leaders whose command line carries {@code tag}. */
    private List<Long> leaders(NodeSession session, String tag) throws SshFailure, InterruptedException {
        ExecResult found = run(session, "pgrep -f -- " + Shell.quote(Shell.tagPattern(tag)));
        return found.stdoutTail().stream()
                .map(String::strip)
                .filter(l -> l.matches("\\d+"))
                .map(Long::parseLong)
                .toList();
    }

    /** True once no process of the groups is left but zombies, polling up to {@code polls} times. */
    private boolean gone(NodeSession session, List<Long> groups, int polls) throws SshFailure, InterruptedException {
        for (int i = 0; i < polls; i++) {
            boolean alive = false;
            for (long group : groups) {
                ExecResult ps = run(session, "ps -o stat= -g " + group);
                alive |= ps.exitStatus() != null
                        && ps.exitStatus() == 0
                        && ps.stdoutTail().stream()
                                .anyMatch(l -> !l.isBlank() && !l.strip().startsWith("Z"));
            }
            if (!alive) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private ExecResult run(NodeSession session, String command) throws SshFailure, InterruptedException {
        String wire = env.config().become() ? Shell.become(command) : command;
        return session.exec(wire, env.streamWatchdog(), env.drainers());
    }

    private JournalEvent.RemoteKill event(String attemptId, Long group, String outcome, String detail) {
        return new JournalEvent.RemoteKill(Events.now(), attemptId, node.publicIp(), group, outcome, detail);
    }

    /** The journal line of an attempt whose unfinished command ran in no process group: nothing could be ended. */
    static JournalEvent.RemoteKill unknown(String attemptId, Node node, String why) {
        return new JournalEvent.RemoteKill(Events.now(), attemptId, node.publicIp(), null, "unknown", why);
    }

    static Duration bound(SshSettings ssh) {
        return ssh.connectTimeout().plus(ssh.authTimeout()).multipliedBy(2).plusSeconds(10);
    }
}
