package dev.lazarus.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer as the node itself got it ({@code curl}, else {@code wget}): the request runs on the node, so
 * {@code localhost} is the node.
 *
 * @param status the status code; 0 when no answer came (connection refused, timeout)
 * @param headers header values by lower-case name
 */
public record HttpResponse(
        String url, int status, Map<String, List<String>> headers, String body, CommandResult readBy) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
