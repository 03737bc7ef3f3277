package dev.lazarus.ssh;

import java.time.Duration;
import java.util.List;

/**
 * What one command try produced.
 *
 * @param exitStatus the exit status, or null when the command ended without one (stalled)
 * @param stderr stderr lines (a bounded tail)
 * @param stdoutTail the last stdout lines
 * @param duration wall time of the try
 * @param stalled true when the stream watchdog ended it
 * @param silence how long the streams had been silent when the watchdog fired
 * @param filteredStderr the first stderr lines the stream's filter left out (whitelisted noise)
 * @param filteredCount how many stderr lines it left out
 */
public record ExecResult(
        Integer exitStatus,
        List<String> stderr,
        List<String> stdoutTail,
        Duration duration,
        boolean stalled,
        Duration silence,
        List<String> filteredStderr,
        long filteredCount) {

    public ExecResult {
        stderr = List.copyOf(stderr);
        stdoutTail = List.copyOf(stdoutTail);
        filteredStderr = List.copyOf(filteredStderr);
    }
}
