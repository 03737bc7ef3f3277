package dev.lazarus.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The small command interpreter of a simulated node: enough of bash, sudo, apt-get, systemctl and curl for a
 * Tomcat install, and the tools node checks read facts with ({@link SystemTools}), with realistic output on the right
 * streams, realistic exit codes and durations. Node state (packages, services, files) carries over between commands.
 * It turns a command line into a {@link Script}; nothing runs for real. It is long because it is one switch over the
 * install's commands, kept together so a reader sees what each simulated command does in one place.
 */
final class Shell {

    private final String ip;
    private final NodeState state;
    private final Behaviour behaviour;
    private final double speed;
    private final Random random;
    private final SystemTools tools;

    Shell(String ip, NodeState state, Behaviour behaviour, double speed, Random random) {
        this.ip = ip;
        this.state = state;
        this.behaviour = behaviour;
        this.speed = speed;
        this.random = random;
        this.tools = new SystemTools(
                state,
                closedPort(behaviour),
                behaviour.kind() == Behaviour.Kind.MISSING ? Optional.of(behaviour.match()) : Optional.empty(),
                this::time);
    }

    /** The port a {@code port-closed@PORT} node keeps closed. */
    private static Optional<Integer> closedPort(Behaviour behaviour) {
        if (behaviour.kind() != Behaviour.Kind.PORT_CLOSED) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(behaviour.match()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "port-closed needs a port: port-closed@8080, not port-closed@" + behaviour.match());
        }
    }

    Script run(String commandLine) {
        Script script = sequence(commandLine);
        if (!behaviour.appliesTo(commandLine)) {
            return script;
        }
        Script changed = misbehave(commandLine, script);
        // a misbehaving command is still the process group it was
        return script.group() != 0 && changed.group() == 0
                ? changed.group(script.group(), script.groupCommand())
                : changed;
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
            // $? is the status of what ran before
            String part = parts.get(i).replace("$?", String.valueOf(script.exitStatus()));
            script = new Script().then(script).then(simple(part));
        }
        return script;
    }

    private Script simple(String commandText) {
        List<String> words = new ArrayList<>(Tokens.words(commandText));
        boolean toStderr = words.remove(">&2") | words.remove("1>&2");
        boolean quietOut = words.remove(">/dev/null") | words.remove("1>/dev/null");
        boolean quietErr = words.remove("2>/dev/null");
        words.remove("2>&1");
        while (!words.isEmpty() && isPrefix(words.get(0))) {
            String prefix = words.remove(0);
            if (prefix.equals("setsid")) {
                while (!words.isEmpty() && words.get(0).startsWith("-")) {
                    words.remove(0); // -w (wait, pass the exit status on), -f
                }
            }
            if (prefix.equals("sudo")) {
                if (behaviour.kind() == Behaviour.Kind.SUDO_PASSWORD) {
                    return new Script()
                            .after(time(10))
                            .err("sudo: a password is required")
                            .exit(1);
                }
                while (!words.isEmpty() && words.get(0).startsWith("-")) {
                    // sudo's own options; -u takes a user
                    if (words.remove(0).equals("-u") && !words.isEmpty()) {
                        words.remove(0);
                    }
                }
            }
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
                boolean isOut = step.stream() == Script.Stream.STDOUT;
                if (isOut && quietOut || !isOut && quietErr) {
                    continue;
                }
                redirected.write(isOut && !toStderr ? Script.Stream.STDOUT : Script.Stream.STDERR, step.text());
            }
            redirected.after(s.durationMillis() - at).exit(s.exitStatus()).end(s.ending());
            return redirected;
        }
        return s;
    }

    private Script dispatch(List<String> w) {
        String cmd = w.get(0);
        List<String> args = w.subList(1, w.size());
        if (!tools.has(cmd)) {
            return notFound(cmd);
        }
        return switch (cmd) {
            case "echo" ->
                new Script().after(time(5)).out(String.join(" ", args)).exit(0);
            case "true", ":" -> new Script().exit(0);
            case "false" -> new Script().exit(1);
            case "exit" -> new Script().exit(args.isEmpty() ? 0 : parseExit(args.get(0)));
            case "sleep" -> sleep(args);
            case "bash", "sh" ->
                args.size() >= 2 && args.get(0).equals("-c")
                        ? script(args.get(1), args.subList(2, args.size()))
                        : notFound(cmd + " (interactive shells are not simulated)");
            case "apt-get", "apt" -> apt(cmd, args);
            case "systemctl" -> systemctl(args);
            case "curl" -> curl(args);
            case "hostname" -> new Script().out("node-" + ip.replace('.', '-')).exit(0);
            default -> tools.run(cmd, args).orElseGet(() -> notFound(cmd));
        };
    }

    /** Words that run what follows them: {@code sudo}, {@code setsid}, {@code exec}, {@code VAR=value}. */
    private static boolean isPrefix(String word) {
        return word.equals("sudo")
                || word.equals("setsid")
                || word.equals("exec")
                || word.matches("[A-Za-z_][A-Za-z0-9_]*=.*");
    }

    /**
     * {@code sh -c SCRIPT [$0 [$1 …]]}: the positional parameters and {@code $$} put in, then run. A script that says
     * its {@code $$} runs as a process group of its own, which outlives a connection that goes while it hangs (as a
     * real command does) until something ends it.
     */
    private Script script(String text, List<String> parameters) {
        String body = text;
        for (int i = parameters.size() - 1; i >= 0; i--) {
            String value = parameters.get(i);
            body = body.replace("\"$" + i + "\"", quote(value)).replace("$" + i, value);
        }
        long group = 0;
        if (body.contains("$$")) {
            group = state.nextPid();
            body = body.replace("$$", String.valueOf(group));
        }
        Script s = sequence(body);
        return group == 0 ? s : s.group(group, "sh -c " + text + " " + String.join(" ", parameters));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A command the simulator does not have: said so, so a user's scenario meets a named limit, not a mystery. */
    private Script notFound(String cmd) {
        return new Script()
                .after(time(3))
                .err("bash: " + cmd + ": command not found (a simulated node of Lazarus's embedded fleet; see "
                        + "\"What the simulated fleet can do\" in the README)")
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
            if (Archive.find(pkg).isEmpty()) {
                return s.err("E: Unable to locate package " + pkg).exit(100);
            }
        }
        List<String> fresh = new ArrayList<>();
        for (String pkg : packages) {
            for (String dep : Archive.find(pkg).orElseThrow().depends()) {
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
                    .out("Get:" + n++ + " http://deb.debian.org/debian bookworm/main amd64 " + pkg + " all "
                            + version(pkg) + " [" + (100 + pkg.length() * 37) + " kB]");
        }
        s.after(time(80)).out("Fetched " + (3 + fresh.size() * 4) + ".2 MB in 1s (9,412 kB/s)");
        s.err("debconf: delaying package configuration, since apt-utils is not installed");
        int files = 7_000 + random.nextInt(20_000);
        for (String pkg : fresh) {
            s.out("Selecting previously unselected package " + pkg + ".");
            s.after(time(40)).out("(Reading database ... " + files + " files and directories currently installed.)");
            s.out("Preparing to unpack .../" + pkg + "_" + version(pkg) + "_all.deb ...");
            s.after(time(110)).out("Unpacking " + pkg + " (" + version(pkg) + ") ...");
            files += 40 + pkg.length();
        }
        for (String pkg : fresh) {
            Archive.Package p = Archive.find(pkg).orElseThrow();
            s.after(time(70)).out("Setting up " + pkg + " (" + p.version() + ") ...");
            if (p.service().isPresent()) {
                s.out("Created symlink /etc/systemd/system/multi-user.target.wants/" + pkg
                        + ".service → /lib/systemd/system/" + pkg + ".service.");
            }
            state.install(p);
        }
        s.after(time(60)).out("Processing triggers for libc-bin (2.36-9+deb12u4) ...");
        return s.exit(0);
    }

    private static String version(String pkg) {
        return Archive.find(pkg).map(Archive.Package::version).orElse("1.0-1");
    }

    private static boolean isService(String unit) {
        return Archive.find(unit).flatMap(Archive.Package::service).isPresent();
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
        boolean query = verb.startsWith("is-");
        Script s = new Script().after(time(query ? 20 : 350));
        for (String unit : units) {
            if (!isService(unit) || !state.installed(unit)) {
                if (verb.equals("is-active")) {
                    return s.out("inactive").exit(3);
                }
                if (verb.equals("is-enabled")) {
                    return s.err("Failed to get unit file state for " + unit + ".service: No such file or directory")
                            .exit(1);
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
            case "is-enabled" -> {
                boolean all = units.stream().allMatch(state::enabled);
                units.forEach(u -> s.out(state.enabled(u) ? "enabled" : "disabled"));
                return s.exit(all ? 0 : 1);
            }
            default -> {
                return s.err("Unknown command verb " + verb + ".").exit(1);
            }
        }
        return s.exit(0);
    }

    /**
     * {@code curl [-s] [-S] [-f] [-i] [-m SECONDS] URL} against the node itself: a service answers on the port it
     * listens on (Tomcat's page on 8080), anything else is refused, as curl says it (quiet under {@code -s}).
     */
    private Script curl(List<String> args) {
        boolean failOnError = args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*f[a-zA-Z]*") || a.equals("--fail"));
        boolean silent = args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*s[a-zA-Z]*") || a.equals("--silent"));
        boolean showError = args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*S[a-zA-Z]*") || a.equals("--show-error"));
        boolean headers = args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*i[a-zA-Z]*") || a.equals("--include"));
        String url = args.stream().filter(a -> a.startsWith("http")).findFirst().orElse("");
        Script s = new Script().after(time(40));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://([^/:]+)(?::(\\d+))?(/.*)?")
                .matcher(url);
        if (!m.matches()) {
            return (silent && !showError ? s : s.err("curl: (3) URL using bad/illegal format or missing URL")).exit(3);
        }
        String host = m.group(1);
        int port = m.group(2) == null ? (url.startsWith("https") ? 443 : 80) : Integer.parseInt(m.group(2));
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals(ip);
        Optional<String> unit =
                state.listening().stream().filter(p -> p == port).findFirst().flatMap(p -> runningService(port));
        if (!local || unit.isEmpty() || !tools.listening(port)) {
            if (!silent || showError) {
                s.err("curl: (7) Failed to connect to " + host + " port " + port + " after 0 ms: Couldn't connect to "
                        + "server");
            }
            return s.exit(7);
        }
        String body = unit.get().startsWith("tomcat")
                ? "<!DOCTYPE html><html><head><title>Apache Tomcat</title></head>\n"
                        + "<body><h1>It works !</h1><p>If you're seeing this page via a web browser, it means you've "
                        + "setup Tomcat successfully. Congratulations!</p></body></html>\n"
                : "<html><head><title>Welcome to nginx!</title></head><body>Welcome to nginx!</body></html>\n";
        if (headers) {
            s.write(
                    Script.Stream.STDOUT,
                    "HTTP/1.1 200 \r\nContent-Type: text/html;charset=UTF-8\r\n" + "Content-Length: " + body.length()
                            + "\r\nServer: " + unit.get() + "\r\n\r\n");
        }
        s.write(Script.Stream.STDOUT, body);
        return s.exit(0);
    }

    /** The running service that listens on {@code port}. */
    private Optional<String> runningService(int port) {
        return java.util.stream.Stream.of("tomcat10", "tomcat9", "nginx")
                .filter(state::running)
                .filter(u -> Archive.find(u)
                        .flatMap(Archive.Package::service)
                        .map(sv -> sv.port() == port)
                        .orElse(false))
                .findFirst();
    }

    /** Applies this node's behaviour to a command it matches. */
    private Script misbehave(String command, Script normal) {
        return switch (behaviour.kind()) {
            case NORMAL, REFUSE, MUTE, SLOW_BANNER, PORT_CLOSED, SUDO_PASSWORD, MISSING -> normal;
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
                        s.write(Script.Stream.STDOUT, step.text());
                    }
                }
                yield s.after(normal.durationMillis() - at).exit(1);
            }
            case LOCKED ->
                state.runsBefore(command) < Behaviour.LOCKED_RUNS
                        ? new Script()
                                .after(time(30))
                                .err("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 "
                                        + "(apt-get)")
                                .err("E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is "
                                        + "another process using it?")
                                .exit(100)
                        : normal;
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
            s.write(step.stream(), step.text());
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
            s.write(step.stream(), step.text());
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
