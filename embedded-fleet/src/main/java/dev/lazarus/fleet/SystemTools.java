package dev.lazarus.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The tools a node check reads facts with, as a simulated node answers them from its {@link NodeState}:
 * {@code command -v}, {@code stat}, {@code sha256sum}, {@code head}, {@code cat}, {@code mkdir}, {@code dpkg-query},
 * {@code ss}, {@code pgrep}, {@code getent}, {@code id}. Options other than the ones real checks use are refused the
 * way the real tool refuses them, never silently ignored.
 */
final class SystemTools {

    /** Every command a simulated node has, for {@code command -v}. */
    static final Set<String> COMMANDS = Set.of(
            "echo",
            "true",
            "false",
            "exit",
            "sleep",
            "bash",
            "sh",
            "apt-get",
            "apt",
            "systemctl",
            "curl",
            "hostname",
            "sudo",
            "command",
            "stat",
            "sha256sum",
            "head",
            "cat",
            "mkdir",
            "dpkg-query",
            "ss",
            "pgrep",
            "getent",
            "id");

    private final NodeState state;
    private final Optional<Integer> closedPort;
    private final Optional<String> missing;
    private final LongUnaryOperator time;

    /**
     * @param closedPort a port that never listens on this node, whatever runs ({@code port-closed@8080})
     * @param missing a command this node does not have ({@code missing@dpkg-query})
     * @param time a simulated duration from a base in milliseconds
     */
    SystemTools(NodeState state, Optional<Integer> closedPort, Optional<String> missing, LongUnaryOperator time) {
        this.state = state;
        this.closedPort = closedPort;
        this.missing = missing;
        this.time = time;
    }

    /** Whether this node has {@code command}: every simulated command but the one it is missing. */
    boolean has(String command) {
        return missing.map(m -> !m.equals(command)).orElse(true);
    }

    /** The script of {@code cmd}, or empty when it is not one of these tools. */
    Optional<Script> run(String cmd, List<String> args) {
        // command -v is a shell builtin: no process to start
        Script s = new Script().after(cmd.equals("command") ? 0 : time.applyAsLong(5));
        List<String> operands = operands(args);
        return Optional.ofNullable(
                switch (cmd) {
                    case "command" -> commandV(s, args);
                    case "stat" -> stat(s, args, operands);
                    case "sha256sum" -> sha256sum(s, operands);
                    case "head", "cat" -> content(s, cmd, args, operands);
                    case "mkdir" -> mkdir(s, operands);
                    case "dpkg-query" -> dpkgQuery(s, args, operands);
                    case "ss" -> ss(s, args);
                    case "pgrep" -> pgrep(s, args, operands);
                    case "getent" -> getent(s, operands);
                    case "id" -> id(s, args, operands);
                    case "kill" -> kill(s, args);
                    case "ps" -> ps(s, args);
                    default -> null;
                });
    }

    /** The ports a check sees listening: what runs, less a port this node keeps closed. */
    boolean listening(int port) {
        return state.listening().contains(port)
                && closedPort.map(p -> p != port).orElse(true);
    }

    private Script commandV(Script s, List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("-v")) {
            return s.err("command: only `command -v NAME` is simulated").exit(2);
        }
        boolean all = true;
        for (String name : args.subList(1, args.size())) {
            if (COMMANDS.contains(name) && has(name)) {
                s.out("/usr/bin/" + name);
            } else {
                all = false;
            }
        }
        return s.exit(all ? 0 : 1);
    }

    private Script stat(Script s, List<String> args, List<String> operands) {
        int c = args.indexOf("-c");
        if (c < 0 || c + 1 >= args.size()) {
            return s.err("stat: only `stat -c FORMAT FILE` is simulated").exit(1);
        }
        String format = args.get(c + 1);
        operands = operands.stream().filter(o -> !o.equals(format)).toList();
        int status = 0;
        for (String path : operands) {
            Optional<NodeFiles.Stat> stat = state.files().stat(path);
            if (stat.isEmpty()) {
                s.err("stat: cannot statx '" + path + "': No such file or directory");
                status = 1;
                continue;
            }
            NodeFiles.Stat st = stat.get();
            s.out(format.replace("%F", st.type())
                    .replace("%a", st.mode())
                    .replace("%U", st.owner())
                    .replace("%G", st.group())
                    .replace("%s", String.valueOf(st.size()))
                    .replace("%n", path));
        }
        return s.exit(status);
    }

    private Script sha256sum(Script s, List<String> operands) {
        int status = 0;
        for (String path : operands) {
            Optional<byte[]> content = state.files().read(path);
            if (content.isEmpty()) {
                s.err("sha256sum: " + path + ": " + unreadable(path));
                status = 1;
            } else {
                s.out(NodeFiles.sha256(content.get()) + "  " + path);
            }
        }
        return s.exit(status);
    }

    /** {@code cat FILE…} and {@code head -c BYTES FILE…}: the bytes as they are. */
    private Script content(Script s, String cmd, List<String> args, List<String> operands) {
        int limit = Integer.MAX_VALUE;
        if (cmd.equals("head")) {
            int c = args.indexOf("-c");
            if (c < 0 || c + 1 >= args.size()) {
                return s.err("head: only `head -c BYTES FILE` is simulated").exit(1);
            }
            limit = Integer.parseInt(args.get(c + 1));
            String bytes = args.get(c + 1);
            operands = operands.stream().filter(o -> !o.equals(bytes)).toList();
        }
        int status = 0;
        for (String path : operands) {
            Optional<byte[]> content = state.files().read(path);
            if (content.isEmpty()) {
                s.err(cmd + ": " + path + ": " + unreadable(path));
                status = 1;
            } else {
                byte[] bytes = content.get();
                s.write(
                        Script.Stream.STDOUT,
                        new String(bytes, 0, Math.min(limit, bytes.length), StandardCharsets.UTF_8));
            }
        }
        return s.exit(status);
    }

    private Script mkdir(Script s, List<String> operands) {
        for (String path : operands) {
            try {
                java.nio.file.Files.createDirectories(state.files().path(path));
            } catch (java.io.IOException e) {
                return s.err("mkdir: cannot create directory '" + path + "': " + e.getMessage())
                        .exit(1);
            }
        }
        return s.exit(0);
    }

    private String unreadable(String path) {
        return state.files().stat(path).map(st -> "Is a " + st.type()).orElse("No such file or directory");
    }

    /** {@code dpkg-query -W -f=FORMAT NAME…}, with {@code ${Package}}, {@code ${Status}} and {@code ${Version}}. */
    private Script dpkgQuery(Script s, List<String> args, List<String> operands) {
        String format = args.stream()
                .filter(a -> a.startsWith("-f=") || a.startsWith("--showformat="))
                .map(a -> a.substring(a.indexOf('=') + 1))
                .findFirst()
                .orElse("${Package}\\t${Version}\\n");
        int status = 0;
        for (String name : operands) {
            Optional<String> version = state.version(name);
            if (version.isEmpty()) {
                s.err("dpkg-query: no packages found matching " + name);
                status = 1;
                continue;
            }
            String line = format.replace("${Package}", name)
                    .replace("${Status}", "install ok installed")
                    .replace("${Version}", version.get())
                    .replace("\\t", "\t")
                    .replace("\\n", "\n");
            s.write(Script.Stream.STDOUT, line);
        }
        return s.exit(status);
    }

    /** {@code ss -ltn} (with or without {@code -H}): the TCP listeners. */
    private Script ss(Script s, List<String> args) {
        String flags =
                String.join("", args.stream().filter(a -> a.startsWith("-")).toList());
        if (!flags.contains("l") || !flags.contains("t")) {
            return s.err("ss: only listening TCP sockets (`ss -Hltn`) are simulated")
                    .exit(1);
        }
        if (!flags.contains("H")) {
            s.out("State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process");
        }
        for (int port : new TreeSet<>(state.listening())) {
            if (listening(port)) {
                String local = port == NodeState.SSH_PORT ? "0.0.0.0:" + port : "*:" + port;
                s.out("LISTEN 0      " + (port == NodeState.SSH_PORT ? 128 : 100) + "      " + local + "      *:*");
            }
        }
        return s.exit(0);
    }

    /** {@code pgrep -a -f PATTERN}: the processes whose command line matches. */
    private Script pgrep(Script s, List<String> args, List<String> operands) {
        if (operands.size() != 1) {
            return s.err("pgrep: only one pattern can be provided").exit(2);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(operands.get(0));
        } catch (PatternSyntaxException e) {
            return s.err("pgrep: cannot compile regular expression '" + operands.get(0) + "'")
                    .exit(2);
        }
        boolean full = args.contains("-f") || args.contains("-af") || args.contains("-fa");
        boolean list = args.contains("-a") || args.contains("-af") || args.contains("-fa");
        boolean found = false;
        for (Map.Entry<Long, String> p : state.processes().entrySet()) {
            String name = p.getValue().split(" ", 2)[0];
            if (pattern.matcher(full ? p.getValue() : name).find()) {
                s.out(list ? p.getKey() + " " + p.getValue() : String.valueOf(p.getKey()));
                found = true;
            }
        }
        return s.exit(found ? 0 : 1);
    }

    /** {@code getent passwd NAME}. */
    private Script getent(Script s, List<String> operands) {
        if (operands.size() < 2 || !operands.get(0).equals("passwd")) {
            return s.err("getent: only `getent passwd NAME` is simulated").exit(1);
        }
        Optional<String> line = state.passwd(operands.get(1));
        line.ifPresent(s::out);
        return s.exit(line.isPresent() ? 0 : 2);
    }

    /** {@code id -u|-g|-Gn|-un [NAME]}; without a name, the login user. */
    private Script id(Script s, List<String> args, List<String> operands) {
        String user = operands.isEmpty() ? EmbeddedFleet.USER : operands.get(0);
        Optional<String> passwd = state.passwd(user);
        if (passwd.isEmpty()) {
            return s.err("id: '" + user + "': no such user").exit(1);
        }
        String[] f = passwd.get().split(":");
        String flags =
                String.join("", args.stream().filter(a -> a.startsWith("-")).toList());
        List<String> groups = new ArrayList<>(List.of(f[0]));
        if (f[0].equals(EmbeddedFleet.USER)) {
            groups.add("sudo");
        }
        if (flags.contains("u")) {
            return s.out(flags.contains("n") ? f[0] : f[2]).exit(0);
        }
        if (flags.contains("G")) {
            return s.out(flags.contains("n") ? String.join(" ", groups) : f[3]).exit(0);
        }
        if (flags.contains("g")) {
            return s.out(flags.contains("n") ? f[0] : f[3]).exit(0);
        }
        return s.out("uid=" + f[2] + "(" + f[0] + ") gid=" + f[3] + "(" + f[0] + ") groups=" + f[3] + "(" + f[0] + ")")
                .exit(0);
    }

    /**
     * {@code kill -SIGNAL -GROUP}: a process group of this node (a command started by {@code sh -c} that said its
     * {@code $$}); {@code -0} asks whether it runs, any other signal ends it.
     */
    private Script kill(Script s, List<String> args) {
        if (args.size() != 2 || !args.get(1).matches("-\\d+")) {
            return s.err("kill: only `kill -SIGNAL -GROUP` is simulated").exit(2);
        }
        long group = Long.parseLong(args.get(1).substring(1));
        if (!state.groupRunning(group)) {
            return s.err("sh: 1: kill: No such process").exit(1);
        }
        if (!args.get(0).equals("-0")) {
            state.groupEnded(group);
        }
        return s.exit(0);
    }

    /** {@code ps -o stat= -g GROUP}: a line per process of the group, {@code S} (sleeping); exit 1 when none. */
    private Script ps(Script s, List<String> args) {
        int g = args.indexOf("-g");
        if (g < 0 || g + 1 >= args.size()) {
            return s.err("ps: only `ps -o stat= -g GROUP` is simulated").exit(1);
        }
        long group = Long.parseLong(args.get(g + 1));
        return state.groupRunning(group) ? s.out("S").exit(0) : s.exit(1);
    }

    /** The words after the options, {@code --} ending the options. */
    private static List<String> operands(List<String> args) {
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (String a : args) {
            if (!optionsEnded && a.equals("--")) {
                optionsEnded = true;
            } else if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                operands.add(a);
            }
        }
        return operands;
    }
}
