package dev.lazarus.verdict;

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
