package dev.lazarus.api;

import java.time.Duration;

/**
 * What one command on a node did: the command as sent, its exit status, its output, how long it took. Every host
 * fact carries the one that read it, so a failed assertion can show it.
 *
 * @param node the node's IP
 * @param command the command line as sent (after {@code sudo} wrapping, if any)
 * @param exitStatus its exit status; -1 when the command ended without one
 * @param stdout its standard output (the first MiB)
 * @param stderr its standard error, noise included
 * @param duration how long it ran
 */
public record CommandResult(
        String node, String command, int exitStatus, String stdout, String stderr, Duration duration) {

    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** The command and what it printed, for a failure message. */
    public String evidence() {
        StringBuilder b = new StringBuilder("`")
                .append(command)
                .append("` on ")
                .append(node)
                .append(" → exit ")
                .append(exitStatus);
        if (!stdout.isBlank()) {
            b.append("\n  stdout: ").append(clip(stdout));
        }
        if (!stderr.isBlank()) {
            b.append("\n  stderr: ").append(clip(stderr));
        }
        return b.toString();
    }

    private static String clip(String text) {
        String t = text.strip().replace("\n", "\n          ");
        return t.length() <= 2_000 ? t : t.substring(0, 2_000) + " …";
    }
}
