package dev.lazarus.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated command does over time: output chunks at offsets, then an exit status (or a dropped
 * connection, or nothing at all for a stall). Built by the {@link Shell}, played by {@link SimulatedCommand}.
 */
final class Script {

    enum Stream {
        STDOUT,
        STDERR
    }

    record Step(long atMillis, Stream stream, String text) {}

    enum End {
        EXIT,
        DROP,
        STALL
    }

    private final List<Step> steps = new ArrayList<>();
    private long clock;
    private int exitStatus;
    private End end = End.EXIT;
    private long group;
    private String groupCommand = "";

    Script out(String line) {
        steps.add(new Step(clock, Stream.STDOUT, line + "\n"));
        return this;
    }

    Script err(String line) {
        steps.add(new Step(clock, Stream.STDERR, line + "\n"));
        return this;
    }

    /** Writes {@code text} as it is, no newline added (a file's bytes, a step copied from another script). */
    Script write(Stream stream, String text) {
        if (!text.isEmpty()) {
            steps.add(new Step(clock, stream, text));
        }
        return this;
    }

    Script after(long millis) {
        clock += Math.max(0, millis);
        return this;
    }

    Script exit(int status) {
        this.exitStatus = status;
        return this;
    }

    Script end(End end) {
        this.end = end;
        return this;
    }

    /** Runs this script as process group {@code id} (a command line {@code command} a process listing shows). */
    Script group(long id, String command) {
        this.group = id;
        this.groupCommand = command;
        return this;
    }

    /** The process group it runs as, 0 for none. */
    long group() {
        return group;
    }

    String groupCommand() {
        return groupCommand;
    }

    /** Appends another script's steps after this one's (for {@code a && b} and {@code a; b}). */
    Script then(Script next) {
        long base = clock;
        for (Step s : next.steps) {
            steps.add(new Step(base + s.atMillis(), s.stream(), s.text()));
        }
        clock = base + next.clock;
        exitStatus = next.exitStatus;
        end = next.end;
        if (group == 0 && next.group != 0) {
            group = next.group;
            groupCommand = next.groupCommand;
        }
        return this;
    }

    List<Step> steps() {
        return steps;
    }

    long durationMillis() {
        return clock;
    }

    int exitStatus() {
        return exitStatus;
    }

    End ending() {
        return end;
    }
}
