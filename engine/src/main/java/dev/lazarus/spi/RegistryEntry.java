package dev.lazarus.spi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The record of one attempt: final when it has a status; an entry without one is an attempt the harness never saw
 * end. Lineage: {@code previousAttemptId} is the attempt this one resurrected, {@code supersededBy} the attempt that
 * resurrected this one (the node's verdict is then that later attempt's, and this entry stays, marked superseded).
 * The attempt id is written {@code thread_uuid} in the journal and the registry artifact. {@code checks} are the
 * scenario's before-install methods and node checks that ran, in order. {@code remoteKill} is how ending what the
 * attempt left running on the node went ({@code ended}, {@code none_running}, {@code alive}, {@code unreachable},
 * {@code unknown}), null when it left nothing running.
 */
public record RegistryEntry(
        @JsonProperty("thread_uuid") String attemptId,
        String shard,
        long pid,
        String thread,
        int attempt,
        Status status,
        String publicIp,
        String privateIp,
        String timestamp,
        List<String> tags,
        List<CommandRecord> commands,
        List<CheckRecord> checks,
        Integer failingCommandIndex,
        String failingCommand,
        String message,
        String lastEvent,
        String stackTrace,
        @JsonProperty("previous_thread_uuid") String previousAttemptId,
        String supersededBy,
        String remoteKill) {

    public RegistryEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
        commands = commands == null ? List.of() : List.copyOf(commands);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** True when a later attempt of the same node replaced this one. */
    public boolean isSuperseded() {
        return supersededBy != null;
    }

    /** True when the attempt reached a verdict of its own (a status), superseded or not. */
    @JsonIgnore
    public boolean isFinal() {
        return status != null;
    }

    /**
     * True when this entry is its node's verdict: it has a status and no later attempt superseded it. The registry
     * artifact writes it {@code final}, so a reader does not take a superseded attempt for the node's verdict.
     */
    @JsonProperty("final")
    public boolean isNodeVerdict() {
        return isFinal() && !isSuperseded();
    }

    /** True for an attempt that started and never reached a verdict: its node is a ghost (or was, until resurrected). */
    @JsonProperty("ghost")
    public boolean isGhostAttempt() {
        return status == null;
    }

    /** False for {@code unknown} and anything else that is not an IP address. */
    public boolean hasValidIp() {
        return IpAddresses.isValid(publicIp);
    }
}
