package dev.lazarus.execution;

import dev.lazarus.verdict.Status;
import java.util.List;

/** How an attempt ended, before it is journaled. */
record Verdict(
        Status status,
        List<String> tags,
        Integer failingCommandIndex,
        String failingCommand,
        String message,
        String stackTrace) {

    Verdict {
        tags = List.copyOf(tags);
    }

    static Verdict success() {
        return new Verdict(Status.INSTALL_SUCCESS, List.of(Status.INSTALL_SUCCESS.tag()), null, null, null, null);
    }
}
