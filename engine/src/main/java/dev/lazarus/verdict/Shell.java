package dev.lazarus.verdict;

import dev.lazarus.ssh.NodeSession;
import java.util.List;

/**
 * The POSIX shell a command line reaches on the node: quoting, and running a command as root through {@code sudo -n}
 * (never prompting), with the one rule that tells a refused {@code sudo} from the command's own failure.
 */
public final class Shell {

    private Shell() {}

    /** {@code text} as one single-quoted word. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * The command in a process group of its own ({@code setsid -w}, util-linux), which prints the group's id first
     * on stderr ({@link NodeSession#GROUP_MARKER}) and carries {@code tag} in its leader's command line: an attempt
     * that ends early can then end the command and everything it started (sshd leaves them running when the
     * connection goes), by the id, or by the tag when the id never arrived. The leader does not {@code exec} the
     * command, so the tag stays in its command line; {@code exit $?} passes the command's status on.
     */
    public static String inProcessGroup(String command, String tag) {
        return "setsid -w sh -c 'echo " + NodeSession.GROUP_MARKER + "$$ >&2; sh -c \"$1\"; exit $?' " + tag + " "
                + quote(command);
    }

    /** A {@code pgrep -f} pattern for {@code tag} that does not match the command line of the pgrep itself. */
    public static String tagPattern(String tag) {
        return "[" + tag.charAt(0) + "]" + tag.substring(1);
    }

    /** The command run as root through {@code sudo -n}: a password request fails it instead of waiting. */
    public static String become(String command) {
        return "sudo -n sh -c " + quote(command);
    }

    /**
     * True when {@code sudo -n} refused to run the command: it wanted a password (or a terminal to ask for one).
     * The command itself never ran, so retrying it is pointless.
     */
    public static boolean becomeRefused(int exitStatus, List<String> stderr) {
        return exitStatus != 0
                && stderr.stream()
                        .anyMatch(l -> l.startsWith("sudo:")
                                && (l.contains("a password is required") || l.contains("a terminal is required")));
    }
}
