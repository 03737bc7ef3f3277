package dev.lazarus.config;

import dev.lazarus.api.LazarusParameters;
import dev.lazarus.api.NodeInfo;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a command may use: {@code ${node.ip}}, {@code ${node.private_ip}}, {@code ${node.index}},
 * {@code ${run.id}} (per node, at the attempt) and {@code ${lazarus.vars.<name>}} (a configuration parameter, at
 * discovery). A shell variable has no dot in its name ({@code ${HOME}}), so it is left to the shell; a dotted name
 * that is none of these fails discovery, naming it. Values are put in as they are, unquoted, as the user wrote them.
 */
public final class CommandVariables {

    /** A {@code ${...}} whose name has a dot: ours, never the shell's. */
    private static final Pattern DOTTED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)+)}");

    private static final Set<String> PER_NODE = Set.of("node.ip", "node.private_ip", "node.index", "run.id");

    private CommandVariables() {}

    /**
     * The commands with every {@code ${lazarus.vars.<name>}} replaced by its parameter's value, the per-node
     * variables left for {@link #expand}.
     *
     * @throws LazarusConfigurationException naming the command and the variable that is unknown or not set
     */
    static List<String> resolve(Class<?> scenarioClass, List<String> commands, Parameters p) {
        List<String> resolved = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            Matcher m = DOTTED.matcher(command);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value;
                if (PER_NODE.contains(name)) {
                    value = m.group();
                } else if (name.startsWith(LazarusParameters.VARS_PREFIX)) {
                    value = p.get(name)
                            .orElseThrow(() -> bad(scenarioClass, command, name, "is not set; give -D" + name + "=…"));
                } else {
                    throw bad(
                            scenarioClass,
                            command,
                            name,
                            "is not a variable; known: " + new TreeSet<>(PER_NODE) + " and "
                                    + LazarusParameters.VARS_PREFIX + "<name>");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            resolved.add(out.toString());
        }
        return resolved;
    }

    /** {@code command} for one node of run {@code runId}. */
    public static String expand(String command, NodeInfo node, String runId) {
        if (!command.contains("${")) {
            return command;
        }
        return command.replace("${node.ip}", node.ip())
                .replace("${node.private_ip}", node.privateIp())
                .replace("${node.index}", String.valueOf(node.index()))
                .replace("${run.id}", runId);
    }

    private static LazarusConfigurationException bad(Class<?> c, String command, String name, String why) {
        return new LazarusConfigurationException(
                "Scenario " + c.getName() + ": command `" + command + "` uses ${" + name + "}, which " + why);
    }
}
