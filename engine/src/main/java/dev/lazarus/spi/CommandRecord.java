package dev.lazarus.spi;

import java.util.List;

/**
 * One command within an attempt, as the registry keeps it: its last try, every try in short, and what the whitelist
 * filtered from the last try's stderr.
 *
 * @param tries how many times it ran (waits on a package lock included)
 * @param durationMs the last try's duration
 * @param stderr the last try's stderr outside the whitelist
 * @param whitelistedStderr the first stderr lines of the last try the whitelist took for noise
 * @param whitelistedCount how many lines of it the whitelist took for noise
 * @param tryLog every try: number, exit status, outcome, duration, first stderr line
 * @param totalDurationMs from the first try's start to the last try's end, pauses and waits included
 * @param lockWaits tries that failed only on a package-manager lock and were waited out
 */
public record CommandRecord(
        int index,
        String command,
        int tries,
        Integer exitStatus,
        String outcome,
        List<String> stderr,
        long durationMs,
        List<String> stdout,
        List<String> whitelistedStderr,
        long whitelistedCount,
        List<Try> tryLog,
        long totalDurationMs,
        int lockWaits) {

    public CommandRecord {
        stderr = stderr == null ? List.of() : List.copyOf(stderr);
        stdout = stdout == null ? List.of() : List.copyOf(stdout);
        whitelistedStderr = whitelistedStderr == null ? List.of() : List.copyOf(whitelistedStderr);
        tryLog = tryLog == null ? List.of() : List.copyOf(tryLog);
    }

    /** One try in short. */
    public record Try(int number, Integer exitStatus, String outcome, long durationMs, String firstStderrLine) {}
}
