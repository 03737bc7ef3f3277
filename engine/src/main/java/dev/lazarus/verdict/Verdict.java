package dev.lazarus.verdict;

import dev.lazarus.spi.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * How an attempt ended, before it is journaled: its status, its tags, the command that decided it, and what a
 * reader needs to know why. {@link Verdicts} makes every one of them.
 */
public record Verdict(
        Status status,
        List<String> tags,
        Integer failingCommandIndex,
        String failingCommand,
        String message,
        String stackTrace) {

    public Verdict {
        tags = List.copyOf(tags);
    }

    /** This verdict with {@code more} tags after its own. */
    public Verdict with(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(tags);
        all.addAll(more);
        return new Verdict(status, all, failingCommandIndex, failingCommand, message, stackTrace);
    }

    /**
     * What a failed node's test says: status, tags, the command that decided it (of {@code commands}), and why, e.g.
     * {@code install_failed [install_failed, exit_status_1] at command 2/4 `apt-get install -y tomcat10`: exit 1, …}.
     */
    public String summary(int commands) {
        StringBuilder m = new StringBuilder(status.tag()).append(' ').append(tags);
        if (failingCommandIndex != null) {
            m.append(" at command ")
                    .append(failingCommandIndex + 1)
                    .append('/')
                    .append(commands)
                    .append(" `")
                    .append(failingCommand)
                    .append('`');
        }
        if (message != null) {
            m.append(": ").append(message);
        }
        return m.toString();
    }
}
