package dev.lazarus.spi;

import java.util.List;
import java.util.Optional;

/**
 * When the steps of one attempt happened, as its journal lines say (timestamps ISO-8601 UTC): what a report draws
 * an attempt's steps from.
 *
 * @param startedAt when the attempt started
 * @param connected the SSH connection, when one was made
 * @param commands each command that started, in order, from its first try's start to its last try's end
 * @param endedAt the attempt's last journal line (its verdict, or where a ghost stopped)
 */
public record AttemptTimeline(
        String startedAt, Optional<Connection> connected, List<CommandSpan> commands, String endedAt) {

    public AttemptTimeline {
        commands = List.copyOf(commands);
    }

    /** The SSH connection of an attempt: when it was up, after how many connect attempts, how long the handshake took. */
    public record Connection(String at, int attempts, long handshakeMs) {}

    /** One command of an attempt, by its index in the install. */
    public record CommandSpan(int index, String startedAt, String endedAt) {}

    /** The span of command {@code index}, if it started. */
    public Optional<CommandSpan> command(int index) {
        return commands.stream().filter(c -> c.index() == index).findFirst();
    }
}
