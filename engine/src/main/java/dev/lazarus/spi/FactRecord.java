package dev.lazarus.spi;

import java.util.List;

/**
 * One command a scenario method ran on the node through its host handle: the fact it read
 * ({@code service tomcat10}, {@code run}, {@code upload}), the command, its exit status and classification, its
 * output (the first lines of stdout; stderr outside the whitelist).
 *
 * @param exitStatus null when the command ended without one (a stall)
 * @param outcome the classification, as a command try's ({@code success}, {@code fatal_exit_nonzero}, …)
 */
public record FactRecord(
        String fact,
        String command,
        Integer exitStatus,
        String outcome,
        List<String> stdout,
        List<String> stderr,
        long durationMs,
        String at) {

    public FactRecord {
        stdout = stdout == null ? List.of() : List.copyOf(stdout);
        stderr = stderr == null ? List.of() : List.copyOf(stderr);
    }
}
