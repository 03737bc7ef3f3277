package dev.lazarus.host;

import java.util.List;

/**
 * A host command that did not end as a command: its output stalled past the watchdog, the connection dropped, or
 * {@code sudo -n} refused to run it. The check that ran it is a check error; {@link #tags()} say which of these.
 */
public final class HostCommandFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> tags;

    HostCommandFailed(String message, Throwable cause, List<String> tags) {
        super(message, cause);
        this.tags = List.copyOf(tags);
    }

    /** What this adds to the node's tags: {@code watchdog_triggered}, {@code connection_dropped}, {@code become_failed}. */
    public List<String> tags() {
        return tags;
    }
}
