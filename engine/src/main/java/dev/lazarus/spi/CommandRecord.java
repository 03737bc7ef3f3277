package dev.lazarus.spi;

import java.util.List;

/** The last try of one command within an attempt, as the registry keeps it. */
public record CommandRecord(
        int index,
        String command,
        int tries,
        Integer exitStatus,
        String outcome,
        List<String> stderr,
        long durationMs,
        List<String> stdout) {

    public CommandRecord {
        stderr = stderr == null ? List.of() : List.copyOf(stderr);
        stdout = stdout == null ? List.of() : List.copyOf(stdout);
    }
}
