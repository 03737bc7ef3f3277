package dev.lazarus.api;

import java.util.List;

/**
 * A socket asked for by URL ({@code tcp://0.0.0.0:8080}, {@code udp://127.0.0.1:53}), as {@code ss} (else
 * {@code netstat}) lists the node's listeners. It is listening when a listener has its port on its address, or on
 * the wildcard address.
 *
 * @param listeners every listening address of the protocol, as {@code host:port}
 */
public record HostSocket(
        String url,
        String protocol,
        String host,
        int port,
        boolean listening,
        List<String> listeners,
        CommandResult readBy) {

    public HostSocket {
        listeners = List.copyOf(listeners);
    }
}
