package dev.lazarus.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The small command interpreter of a simulated node: enough of bash, apt-get, systemctl and curl for a
 * Tomcat install, with realistic output on the right streams, realistic exit codes and durations.
 * Node state (packages, services) carries over between commands. It turns a command line into a
 * {@link Script}; nothing runs for real. It is long because it is one switch over every command a node understands,
 * kept together so a reader sees what each simulated command does in one place.
 */
final class Shell {

    /** Packages the simulated archive knows, with what an install of each pulls in. */
    private static final Map<String, List<String>> ARCHIVE = Map.ofEntries(
            Map.entry(
                    "tomcat10",
                    List.of(
                            "libtomcat10-java",
                            "tomcat10-common",
                            "openjdk-17-jre-headless",
                            "ca-certificates-java",
                            "java-common",
                            "libecj-java")),
            Map.entry("tomcat9", List.of("libtomcat9-java", "tomcat9-common", "openjdk-17-jre-headless")),
            Map.entry("tomcat10-admin", List.of("tomcat10")),
            Map.entry("openjdk-17-jre-headless", List.of("java-common", "ca-certificates-java")),
            Map.entry("default-jre-headless", List.of("openjdk-17-jre-headless")),
            Map.entry("nginx", List.of("nginx-common", "libnginx-mod-http-echo")),
            Map.entry("curl", List.of("libcurl4")),
            Map.entry("wget", List.of()),
            Map.entry("git", List.of("git-man", "liberror-perl")),
            Map.entry("strace", List.of()),
            Map.entry("unzip", List.of()),
            Map.entry("htop", List.of()),
            Map.entry("python3", List.of("python3-minimal", "libpython3.11-stdlib")));

    /** Packages that bring a service, by service name. */
    private static final Set<String> SERVICES = Set.of("tomcat10", "tomcat9", "nginx");

    private final String ip;
    private final NodeState state;
    private final Behaviour behaviour;
    private final double speed;
    private final Random random;

    Shell(String ip, NodeState state, Behaviour behaviour, double speed, Random random) {
        this.ip = ip;
        this.state = state;
        this.behaviour = behaviour;
        this.speed = speed;
        this.random = random;
    }

    Script run(String commandLine) {
        Script script = sequence(commandLine);
        return behaviour.appliesTo(commandLine) ? misbehave(commandLine, script) : script;
    }

    /** {@code a && b}, {@code a || b} and {@code a; b}, left to right, as bash runs them. */
    private Script sequence(String line) {
        List<String> parts = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        Tokens.splitTopLevel(line, parts, operators);
        Script script = simple(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            String op = operators.get(i - 1);
            if (script.ending() != Script.End.EXIT) {
                break;
            }
            boolean ok = script.exitStatus() == 0;
            if (op.equals("&&") && !ok || op.equals("||") && ok) {
                continue;
            }
            script = new Script().then(script).then(simple(parts.get(i)));
        }
        return script;
    }

    private Script simple(String commandText) {
        List<String> words = new ArrayList<>(Tokens.words(commandText));
        boolean toStderr = words.remove(">&2") | words.remove("1>&2");
        boolean quietOut = words.remove(">/dev/null") | words.remove("1>/dev/null");
        boolean quietErr = words.remove("2>/dev/null");
        words.remove("2>&1");
        while (!words.isEmpty() && (words.get(0).equals("sudo") || words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            return new Script();
        }
        Script s = dispatch(words);
        if (toStderr || quietOut || quietErr) {
            Script redirected = new Script();
            long at = 0;
            for (Script.Step step : s.steps()) {
                redirected.after(step.atMillis() - at);
                at = step.atMillis();
                String text = step.text().substring(0, step.text().length() - 1);
                boolean isOut = step.stream() == Script.Stream.STDOUT;
                if (isOut && quietOut || !isOut && quietErr) {
                    continue;
                }
                if (isOut && toStderr || !isOut) {
                    redirected.err(text);
                } else {
                    redirected.out(text);
                }
            }
            redirected.after(s.durationMillis() - at).exit(s.exitStatus()).end(s.ending());
            return redirected;
        }
        return s;
    }

    private Script dispatch(List<String> w) {
        String cmd = w.get(0);
        List<String> args = w.subList(1, w.size());
        return switch (cmd) {
            case "echo" ->
                new Script().after(time(5)).out(String.join(" ", args)).exit(0);
            case "true", ":" -> new Script().exit(0);
            case "false" -> new Script().exit(1);
            case "exit" -> new Script().exit(args.isEmpty() ? 0 : parseExit(args.get(0)));
            case "sleep" -> sleep(args);
            case "bash", "sh" ->
                args.size() >= 2 && args.get(0).equals("-c")
                        ? sequence(args.get(1))
                        : notFound(cmd + " (interactive shells are not simulated)");
            case "apt-get", "apt" -> apt(cmd, args);
            case "systemctl" -> systemctl(args);
            case "curl" -> curl(args);
            case "hostname" -> new Script().out("node-" + ip.replace('.', '-')).exit(0);
            default -> notFound(cmd);
        };
    }

    private Script notFound(String cmd) {
        return new Script()
                .after(time(3))
                .err("bash: " + cmd + ": command not found")
                .exit(127);
    }

    private static int parseExit(String s) {
        try {
            return Integer.parseInt(s) & 0xff;
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private Script sleep(List<String> args) {
        try {
            double seconds = Double.parseDouble(args.isEmpty() ? "x" : args.get(0));
            return new Script().after((long) (seconds * 1000)).exit(0);
        } catch (NumberFormatException e) {
            return new Script()
                    .err("sleep: invalid time interval '" + (args.isEmpty() ? "" : args.get(0)) + "'")
                    .exit(1);
        }
    }

    private Script apt(String tool, List<String> args) {
        Script s = new Script();
        if (tool.equals("apt")) {
            s.err("");
            s.err("WARNING: apt does not have a stable CLI interface. Use with caution in scripts.");
            s.err("");
        }
        if (args.contains("update")) {
            s.after(time(150)).out("Hit:1 http://deb.debian.org/debian bookworm InRelease");
            s.after(time(250)).out("Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]");
            s.after(time(300)).out("Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]");
            s.after(time(300)).out("Fetched 103 kB in 1s (112 kB/s)");
            s.after(time(200)).out("Reading package lists...");
            state.markUpdated();
            return s.exit(0);
        }
        if (!args.contains("install")) {
            return s.err("E: Invalid operation " + String.join(" ", args)).exit(100);
        }
        List<String> packages = args.stream()
                .filter(a -> !a.startsWith("-") && !a.equals("install"))
                .toList();
        s.after(time(120)).out("Reading package lists...");
        s.after(time(120)).out("Building dependency tree...");
        s.after(time(60)).out("Reading state information...");
        for (String pkg : packages) {
            if (!ARCHIVE.containsKey(pkg)) {
                return s.err("E: Unable to locate package " + pkg).exit(100);
            }
        }
        List<String> fresh = new ArrayList<>();
        for (String pkg : packages) {
            for (String dep : ARCHIVE.get(pkg)) {
                if (!state.installed(dep) && !fresh.contains(dep)) {
                    fresh.add(dep);
                }
            }
            if (!state.installed(pkg) && !fresh.contains(pkg)) {
                fresh.add(pkg);
            }
        }
        if (fresh.isEmpty()) {
            packages.forEach(p -> s.out(p + " is already the newest version."));
            return s.out("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.")
                    .exit(0);
        }
        s.out("The following NEW packages will be installed:");
        s.out("  " + String.join(" ", fresh));
        s.out("0 upgraded, " + fresh.size() + " newly installed, 0 to remove and 0 not upgraded.");
        s.out("Need to get " + (3 + fresh.size() * 4) + ".2 MB of archives.");
        s.out("After this operation, " + (12 + fresh.size() * 9) + ".5 MB of additional disk space will be used.");
        int n = 1;
        for (String pkg : fresh) {
            s.after(time(90))
                    .out("Get:" + n++ + " http://deb.debian.org/debian bookworm/main amd64 " + pkg + " all 10.1.6-1 ["
                            + (100 + pkg.length() * 37) + " kB]");
        }
        s.after(time(80)).out("Fetched " + (3 + fresh.size() * 4) + ".2 MB in 1s (9,412 kB/s)");
        s.err("debconf: delaying package configuration, since apt-utils is not installed");
        int files = 7_000 + random.nextInt(20_000);
        for (String pkg : fresh) {
            s.out("Selecting previously unselected package " + pkg + ".");
            s.after(time(40)).out("(Reading database ... " + files + " files and directories currently installed.)");
            s.out("Preparing to unpack .../" + pkg + "_10.1.6-1_all.deb ...");
            s.after(time(110)).out("Unpacking " + pkg + " (10.1.6-1) ...");
            files += 40 + pkg.length();
        }
        for (String pkg : fresh) {
            s.after(time(70)).out("Setting up " + pkg + " (10.1.6-1) ...");
            if (SERVICES.contains(pkg)) {
                s.out("Created symlink /etc/systemd/system/multi-user.target.wants/" + pkg
                        + ".service → /lib/systemd/system/" + pkg + ".service.");
            }
            state.install(pkg);
        }
        s.after(time(60)).out("Processing triggers for libc-bin (2.36-9+deb12u4) ...");
        return s.exit(0);
    }

    private Script systemctl(List<String> args) {
        List<String> words = args.stream()
                .filter(a -> !a.startsWith("--") || a.equals("--now"))
                .toList();
        if (words.isEmpty()) {
            return new Script().err("Too few arguments.").exit(1);
        }
        String verb = words.get(0);
        List<String> units = words.stream()
                .skip(1)
                .filter(a -> !a.startsWith("--"))
                .map(u -> u.endsWith(".service") ? u.substring(0, u.length() - ".service".length()) : u)
                .toList();
        Script s = new Script().after(time(verb.equals("is-active") ? 20 : 350));
        for (String unit : units) {
            if (!SERVICES.contains(unit) || !state.installed(unit)) {
                if (verb.equals("is-active")) {
                    return s.out("inactive").exit(3);
                }
                return s.err("Failed to " + verb + " unit: Unit file " + unit + ".service does not exist.")
                        .exit(1);
            }
        }
        switch (verb) {
            case "enable" ->
                units.forEach(u -> {
                    state.enable(u);
                    if (words.contains("--now")) {
                        state.start(u);
                    }
                });
            case "start", "restart" -> units.forEach(state::start);
            case "stop" -> units.forEach(state::stop);
            case "is-active" -> {
                boolean all = units.stream().allMatch(state::running);
                units.forEach(u -> s.out(state.running(u) ? "active" : "inactive"));
                return s.exit(all ? 0 : 3);
            }
            default -> {
                return s.err("Unknown command verb " + verb + ".").exit(1);
            }
        }
        return s.exit(0);
    }

    private Script curl(List<String> args) {
        boolean failSilently = args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*f[a-zA-Z]*") || a.equals("--fail"));
        boolean silent = args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*s[a-zA-Z]*") || a.equals("--silent"));
        String url = args.stream().filter(a -> a.startsWith("http")).findFirst().orElse("");
        Script s = new Script().after(time(40));
        boolean tomcat = url.matches("https?://(localhost|127\\.0\\.0\\.1):8080(/.*)?")
                && (state.running("tomcat10") || state.running("tomcat9"));
        if (tomcat) {
            return s.out("<!DOCTYPE html><html><head><title>Apache Tomcat</title></head>")
                    .out("<body><h1>It works !</h1><p>If you're seeing this page via a web browser, it means you've "
                            + "setup Tomcat successfully. Congratulations!</p></body></html>")
                    .exit(0);
        }
        if (!silent || !failSilently) {
            s.err("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server");
        }
        return s.exit(7);
    }

    /** Applies this node's behaviour to a command it matches. */
    private Script misbehave(String command, Script normal) {
        return switch (behaviour.kind()) {
            case NORMAL, REFUSE, MUTE, SLOW_BANNER -> normal;
            case SLOW -> stretched(normal, 5);
            case STDERR_NOISE ->
                isApt(command)
                        ? new Script()
                                .then(normal)
                                .err("WARNING: apt does not have a stable CLI interface. Use with caution in scripts.")
                                .err("perl: warning: Setting locale failed.")
                                .err("perl: warning: Falling back to the standard locale (\"C\").")
                                .exit(normal.exitStatus())
                        : normal;
            case STDERR ->
                new Script()
                        .then(normal)
                        .err("warning: simulated stderr on node " + ip)
                        .exit(normal.exitStatus());
            case STDERR_FAILURE ->
                new Script()
                        .then(normal)
                        .err("E: simulated failure on node " + ip)
                        .exit(1);
            case SILENT_FAILURE -> {
                Script s = new Script();
                long at = 0;
                for (Script.Step step : normal.steps()) {
                    s.after(step.atMillis() - at);
                    at = step.atMillis();
                    if (step.stream() == Script.Stream.STDOUT) {
                        s.out(step.text().substring(0, step.text().length() - 1));
                    }
                }
                yield s.after(normal.durationMillis() - at).exit(1);
            }
            case FLAKY ->
                state.firstFlakyRun(command)
                        ? new Script()
                                .after(time(100))
                                .err("E: simulated transient failure on node " + ip)
                                .exit(1)
                        : normal;
            case DROP -> truncated(normal, normal.durationMillis() / 2).end(Script.End.DROP);
            case STALL ->
                truncated(normal, Math.min(normal.durationMillis() / 2, 200)).end(Script.End.STALL);
            case PAUSE -> new Script().after(Behaviour.PAUSE_MILLIS).then(normal);
        };
    }

    private static boolean isApt(String command) {
        return command.matches(".*\\b(apt|apt-get)\\s.*");
    }

    private static Script stretched(Script normal, int factor) {
        Script s = new Script();
        long at = 0;
        for (Script.Step step : normal.steps()) {
            s.after((step.atMillis() - at) * factor);
            at = step.atMillis();
            if (step.stream() == Script.Stream.STDOUT) {
                s.out(step.text().substring(0, step.text().length() - 1));
            } else {
                s.err(step.text().substring(0, step.text().length() - 1));
            }
        }
        return s.after((normal.durationMillis() - at) * factor)
                .exit(normal.exitStatus())
                .end(normal.ending());
    }

    /** The script's steps up to {@code untilMillis}, and its clock stopped there. */
    private static Script truncated(Script normal, long untilMillis) {
        Script s = new Script();
        long at = 0;
        for (Script.Step step : normal.steps()) {
            if (step.atMillis() > untilMillis) {
                break;
            }
            s.after(step.atMillis() - at);
            at = step.atMillis();
            if (step.stream() == Script.Stream.STDOUT) {
                s.out(step.text().substring(0, step.text().length() - 1));
            } else {
                s.err(step.text().substring(0, step.text().length() - 1));
            }
        }
        return s.after(Math.max(0, untilMillis - at));
    }

    /** A simulated duration: the base, scaled by the speed factor, with ±25 % jitter. */
    private long time(long baseMillis) {
        if (speed == 0) {
            return 0;
        }
        double jitter = 0.75 + random.nextDouble() * 0.5;
        return Math.round(baseMillis * speed * jitter);
    }
}
