package dev.lazarus.api;

import java.util.List;

/** The processes whose command line matches a pattern, as {@code pgrep -a -f} lists them. */
public record HostProcesses(String pattern, List<Process> matching, CommandResult readBy) {

    public HostProcesses {
        matching = List.copyOf(matching);
    }

    /** One process: its id and command line. */
    public record Process(long pid, String commandLine) {}
}
