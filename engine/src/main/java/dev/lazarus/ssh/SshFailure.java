package dev.lazarus.ssh;

import dev.lazarus.verdict.Status;
import java.util.List;

/** An SSH-level end of an attempt, already classified into a status and the seed's tags. */
public final class SshFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final Status status;
    private final List<String> tags;

    public SshFailure(Status status, List<String> tags, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.tags = List.copyOf(tags);
    }

    public Status status() {
        return status;
    }

    public List<String> tags() {
        return tags;
    }
}
