package dev.lazarus.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strace mode: a command runs under {@code strace -f -e trace=execve,write -o <tmp>} and the trace is
 * appended to its stderr, so the exit status of the real top-level process can be read from the trace
 * (not only from the shell that carried it) and a write to fd 2 in any forked subprocess is seen. The
 * trace's own lines (execve, writes to stdout, exits, SIGCHLD) are whitelisted by the strace family.
 */
public final class Strace {

    /** Marks where the trace starts on stderr, so the command's own stderr and the trace can be told apart. */
    static final String TRACE_BEGIN = "lazarus-strace-begin";

    private static final Pattern LINE = Pattern.compile("^\\s*(?:\\[pid\\s+)?(\\d+)\\]?\\s+(.*)$");
    private static final Pattern EXITED = Pattern.compile("\\+\\+\\+ exited with (\\d+) \\+\\+\\+");
    private static final Pattern KILLED = Pattern.compile("\\+\\+\\+ killed by (SIG\\w+).*\\+\\+\\+");

    private Strace() {}

    /**
     * The command line that runs {@code command} under strace. The trace goes to a private temp file that is
     * copied to stderr after the command and always deleted; the command's own exit status is kept.
     */
    public static String wrap(String command) {
        String quoted = Shell.quote(command);
        return "t=$(mktemp /tmp/lazarus-trace.XXXXXX) || exit 125; "
                + "strace -f -e trace=execve,write -o \"$t\" sh -c " + quoted + "; rc=$?; "
                + "echo " + TRACE_BEGIN + " >&2; cat \"$t\" >&2; rm -f \"$t\"; exit $rc";
    }

    /**
     * The exit status and stderr of a strace-wrapped try, as the classifier should see them.
     *
     * @param exitStatus the top-level process's exit status from the trace, else the channel's
     * @param stderr the command's own stderr followed by the trace lines (the marker removed)
     * @param tags {@code exit_status_from_trace} when the trace's status replaced a different channel status,
     *     {@code fallback_exit_status} when the trace had none (strace missing or killed)
     */
    public record Reading(int exitStatus, List<String> stderr, List<String> tags) {
        public Reading {
            stderr = List.copyOf(stderr);
            tags = List.copyOf(tags);
        }
    }

    /**
     * A per-try stderr filter: keeps what the classifier may need (lines the whitelist does not cover, the
     * trace marker, the trace's first line, which names the top-level process, and process exits) and drops
     * the rest as it arrives, so a trace of any length fits a bounded tail.
     */
    public static Predicate<String> significantLines(Whitelist whitelist, boolean straced) {
        return new Predicate<>() {
            private boolean inTrace;
            private boolean firstTraceLineKept;

            @Override
            public boolean test(String line) {
                if (straced) {
                    if (!inTrace && line.strip().equals(TRACE_BEGIN)) {
                        inTrace = true;
                        return true;
                    }
                    if (inTrace && !firstTraceLineKept) {
                        firstTraceLineKept = true;
                        return true;
                    }
                    if (inTrace && (line.contains("+++ exited with") || line.contains("+++ killed by"))) {
                        return true;
                    }
                }
                return !whitelist.isWhitelisted(line);
            }
        };
    }

    public static Reading read(int channelExitStatus, List<String> stderrLines) {
        List<String> stderr = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        boolean inTrace = false;
        for (String line : stderrLines) {
            if (!inTrace && line.strip().equals(TRACE_BEGIN)) {
                inTrace = true;
            } else if (inTrace) {
                trace.add(line);
            } else {
                stderr.add(line);
            }
        }
        stderr.addAll(trace);
        Integer traced = topLevelExit(trace);
        List<String> tags = new ArrayList<>();
        int exit = channelExitStatus;
        if (traced == null) {
            tags.add("fallback_exit_status");
        } else if (traced != channelExitStatus) {
            tags.add("exit_status_from_trace");
            exit = traced;
        }
        return new Reading(exit, stderr, tags);
    }

    /** The exit status of the first process in the trace (the top-level shell), or null when it has none. */
    static Integer topLevelExit(List<String> trace) {
        String topPid = null;
        for (String line : trace) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (topPid == null) {
                topPid = m.group(1);
            }
            if (!m.group(1).equals(topPid)) {
                continue;
            }
            Matcher exited = EXITED.matcher(m.group(2));
            if (exited.find()) {
                return Integer.parseInt(exited.group(1));
            }
            Matcher killed = KILLED.matcher(m.group(2));
            if (killed.find()) {
                return 128 + signalNumber(killed.group(1));
            }
        }
        return null;
    }

    private static int signalNumber(String name) {
        return switch (name) {
            case "SIGHUP" -> 1;
            case "SIGINT" -> 2;
            case "SIGQUIT" -> 3;
            case "SIGABRT" -> 6;
            case "SIGKILL" -> 9;
            case "SIGSEGV" -> 11;
            case "SIGPIPE" -> 13;
            case "SIGALRM" -> 14;
            default -> 15;
        };
    }
}
