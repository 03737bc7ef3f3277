package dev.lazarus.registry;

import dev.lazarus.verdict.Status;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The record of one attempt (the seed's registry entry). Final when it has a status; an entry
 * without one is an attempt the harness never saw end. Lineage: {@code previousThreadUuid} is the attempt
 * this one resurrected, {@code supersededBy} the attempt that resurrected this one (the node's verdict is then
 * that later attempt's, and this entry stays, marked superseded).
 */
public record RegistryEntry(
        String threadUuid,
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
        Integer failingCommandIndex,
        String failingCommand,
        String message,
        String lastEvent,
        String stackTrace,
        String previousThreadUuid,
        String supersededBy) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public RegistryEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    /** True when a later attempt of the same node replaced this one. */
    public boolean isSuperseded() {
        return supersededBy != null;
    }

    public boolean isFinal() {
        return status != null;
    }

    /** False for the seed's "unknown" and anything else that is not an IP address. */
    public boolean hasValidIp() {
        return isValidIp(publicIp);
    }

    public static boolean isValidIp(String ip) {
        if (ip == null) {
            return false;
        }
        var m = IPV4.matcher(ip);
        if (m.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(m.group(g)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (ip.contains(":") && ip.matches("[0-9a-fA-F:.]+")) {
            try {
                return InetAddress.getByName(ip) != null; // literal IPv6: parsed, never resolved
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
