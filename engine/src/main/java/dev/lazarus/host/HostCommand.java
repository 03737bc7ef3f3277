package dev.lazarus.host;

import dev.lazarus.api.CommandResult;
import java.util.List;

/**
 * One command a check or a before-install method ran on the node, as the journal keeps it.
 *
 * @param fact what it read ({@code service tomcat10}, {@code run}, {@code upload}, {@code tools})
 * @param result what it did
 * @param outcome its classification by the same rules and whitelists as an install command's
 * @param stderr its stderr outside the whitelist
 */
public record HostCommand(String fact, CommandResult result, String outcome, List<String> stderr) {

    public HostCommand {
        stderr = List.copyOf(stderr);
    }
}
