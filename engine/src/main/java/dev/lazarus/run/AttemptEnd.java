package dev.lazarus.run;

/**
 * How an attempt ended, for its test: it succeeded, it failed (with the message that says status, tags and command),
 * its worker vanished without a verdict, or it never started (skipped, with the reason).
 */
public record AttemptEnd(Kind kind, String message) {

    /** The kinds of end. */
    public enum Kind {
        SUCCEEDED,
        FAILED,
        VANISHED,
        SKIPPED
    }

    static AttemptEnd succeeded() {
        return new AttemptEnd(Kind.SUCCEEDED, null);
    }

    static AttemptEnd failed(String message) {
        return new AttemptEnd(Kind.FAILED, message);
    }

    static AttemptEnd vanished(String message) {
        return new AttemptEnd(Kind.VANISHED, message);
    }

    static AttemptEnd skipped(String reason) {
        return new AttemptEnd(Kind.SKIPPED, reason);
    }
}
