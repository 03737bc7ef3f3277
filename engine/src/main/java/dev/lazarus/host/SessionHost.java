package dev.lazarus.host;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.Host;
import dev.lazarus.api.HostFile;
import dev.lazarus.api.HostPackage;
import dev.lazarus.api.HostProcesses;
import dev.lazarus.api.HostService;
import dev.lazarus.api.HostSocket;
import dev.lazarus.api.HostUser;
import dev.lazarus.api.HttpResponse;
import dev.lazarus.api.MissingToolException;
import dev.lazarus.api.NodeInfo;
import dev.lazarus.ssh.ExecResult;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshFailure;
import dev.lazarus.ssh.StreamWatchdog;
import dev.lazarus.verdict.Shell;
import dev.lazarus.verdict.TryOutcome;
import dev.lazarus.verdict.Whitelist;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link Host} of one node attempt: every fact is one command on the attempt's own SSH session, under the
 * stream watchdog, classified with the install's whitelists and handed to {@code log} as it ends. A fact that two
 * tools can read tries the common one first and the other only when the shell did not find the first.
 */
public final class SessionHost implements Host {

    /** Lines of stdout a host command keeps (a file's content is read whole up to {@link FactCommands#CONTENT_BYTES}). */
    static final int STDOUT_LINES = 20_000;

    private final NodeInfo node;
    private final NodeSession session;
    private final StreamWatchdog watchdog;
    private final ExecutorService drainers;
    private final boolean become;
    private final String groupTag;
    private final List<String> whitelistExtra;
    private final Consumer<HostCommand> log;

    /**
     * @param become whether commands run through {@code sudo -n} (SFTP runs as the login user)
     * @param groupTag the tag of the process group each command runs in (see {@link Shell#inProcessGroup}), null for
     *     none
     * @param log told of every host command as it ends
     */
    public SessionHost(
            NodeInfo node,
            NodeSession session,
            StreamWatchdog watchdog,
            ExecutorService drainers,
            boolean become,
            String groupTag,
            List<String> whitelistExtra,
            Consumer<HostCommand> log) {
        this.node = node;
        this.session = session;
        this.watchdog = watchdog;
        this.drainers = drainers;
        this.become = become;
        this.groupTag = groupTag;
        this.whitelistExtra = List.copyOf(whitelistExtra);
        this.log = log;
    }

    @Override
    public String ip() {
        return node.ip();
    }

    @Override
    public String privateIp() {
        return node.privateIp();
    }

    @Override
    public int index() {
        return node.index();
    }

    @Override
    public CommandResult run(String command) {
        return exec("run", command);
    }

    @Override
    public HostFile file(String path) {
        String fact = "file " + path;
        CommandResult r = exec(fact, FactCommands.file(path));
        HostFile file = FactReaders.file(path, r);
        if (!file.exists() && notFound(r)) {
            throw new MissingToolException(node.ip(), fact, List.of("stat"));
        }
        return file;
    }

    @Override
    public HostPackage pkg(String name) {
        return firstFound(
                "package " + name,
                new Tool<>("dpkg-query", FactCommands.dpkg(name), r -> FactReaders.dpkg(name, r)),
                new Tool<>("rpm", FactCommands.rpm(name), r -> FactReaders.rpm(name, r)));
    }

    @Override
    public HostService service(String name) {
        String fact = "service " + name;
        CommandResult r = exec(fact, FactCommands.systemd(name));
        // no systemctl, or systemctl without systemd running (a container): the init script answers
        if (!notFound(r) && !FactReaders.systemdDown(r)) {
            return FactReaders.systemd(name, r);
        }
        return FactReaders.init(name, exec(fact, FactCommands.init(name)));
    }

    @Override
    public HostSocket socket(String url) {
        String fact = "socket " + url;
        String protocol =
                url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!protocol.equals("tcp") && !protocol.equals("udp") || !url.matches(".*:\\d+/?")) {
            throw new IllegalArgumentException(fact + ": give tcp://host:port or udp://host:port");
        }
        return firstFound(
                fact,
                new Tool<>("ss", FactCommands.ss(protocol), r -> FactReaders.socket(url, r, false)),
                new Tool<>("netstat", FactCommands.netstat(protocol), r -> FactReaders.socket(url, r, true)));
    }

    @Override
    public HttpResponse http(String url) {
        return firstFound(
                "GET " + url,
                new Tool<>("curl", FactCommands.curl(url), r -> FactReaders.curl(url, r)),
                new Tool<>("wget", FactCommands.wget(url), r -> FactReaders.wget(url, r)));
    }

    @Override
    public HostProcesses process(String pattern) {
        String fact = "processes /" + pattern + "/";
        return FactReaders.processes(pattern, needing(fact, "pgrep", exec(fact, FactCommands.processes(pattern))));
    }

    @Override
    public HostUser user(String name) {
        String fact = "user " + name;
        return FactReaders.user(name, needing(fact, "getent", exec(fact, FactCommands.user(name))));
    }

    @Override
    public void upload(Path local, String remote) throws IOException {
        transfer("upload", "sftp put " + local + " " + remote, () -> session.upload(local, remote, watchdog.timeout()));
    }

    @Override
    public void download(String remote, Path local) throws IOException {
        transfer(
                "download",
                "sftp get " + remote + " " + local,
                () -> session.download(remote, local, watchdog.timeout()));
    }

    private interface Transfer {
        void run() throws IOException;
    }

    private void transfer(String fact, String description, Transfer transfer) throws IOException {
        long start = System.nanoTime();
        try {
            transfer.run();
            log(fact, new CommandResult(node.ip(), description, 0, "", "", since(start)));
        } catch (IOException e) {
            log(fact, new CommandResult(node.ip(), description, 1, "", String.valueOf(e.getMessage()), since(start)));
            throw e;
        }
    }

    /**
     * True when the shell could not find the command's tool (exit 127): the fact is read with the next tool, if it
     * has one. Asking for the tool only when it is missing costs a node that has it nothing.
     */
    private static boolean notFound(CommandResult r) {
        return r.exitStatus() == FactCommands.NOT_FOUND;
    }

    /** A tool that reads a fact: its name, the command, and how its output reads. */
    private record Tool<T>(String name, String command, Function<CommandResult, T> read) {}

    /** The fact as the first tool the node has reads it. */
    @SafeVarargs
    private <T> T firstFound(String fact, Tool<T>... tools) {
        for (Tool<T> tool : tools) {
            CommandResult r = exec(fact, tool.command());
            if (!notFound(r)) {
                return tool.read().apply(r);
            }
        }
        throw new MissingToolException(
                node.ip(), fact, Arrays.stream(tools).map(Tool::name).toList());
    }

    private CommandResult needing(String fact, String tool, CommandResult r) {
        if (notFound(r)) {
            throw new MissingToolException(node.ip(), fact, List.of(tool));
        }
        return r;
    }

    private CommandResult exec(String fact, String command) {
        String inGroup = groupTag != null ? Shell.inProcessGroup(command, groupTag) : command;
        String wire = become ? Shell.become(inGroup) : inGroup;
        String shown = become ? Shell.become(command) : command;
        String what = fact + ": `" + shown + "` on " + node.ip();
        ExecResult r;
        try {
            r = session.exec(wire, watchdog, drainers, line -> true, STDOUT_LINES);
        } catch (SshFailure e) {
            throw new HostCommandFailed(what + ": " + e.getMessage(), e, List.of("connection_dropped"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCommandFailed(what + " was interrupted", e, List.of("interrupted"));
        }
        // as the user reads it: sudo said, the process group left out (the harness's own bookkeeping)
        CommandResult result = new CommandResult(
                node.ip(),
                shown,
                r.exitStatus() == null ? -1 : r.exitStatus(),
                String.join("\n", r.stdoutTail()),
                String.join("\n", r.stderr()),
                r.duration());
        log(fact, result);
        if (r.stalled()) {
            throw new HostCommandFailed(
                    what + " printed nothing for " + r.silence().toSeconds() + " s (watchdog timeout "
                            + watchdog.timeout().toSeconds() + " s)",
                    null,
                    List.of("watchdog_triggered"));
        }
        if (become && Shell.becomeRefused(result.exitStatus(), r.stderr())) {
            throw new HostCommandFailed(
                    what + ": sudo -n refused to run it: " + result.stderr().strip(), null, List.of("become_failed"));
        }
        return result;
    }

    /** Classifies and logs a command that ended; one without an exit status (stalled) is a watchdog timeout. */
    private void log(String fact, CommandResult result) {
        List<String> stderr =
                result.stderr().isEmpty() ? List.of() : result.stderr().lines().toList();
        Whitelist whitelist = Whitelist.forCommand(result.command(), whitelistExtra);
        if (result.exitStatus() < 0) {
            log.accept(new HostCommand(fact, result, "watchdog_timeout", whitelist.nonWhitelisted(stderr)));
            return;
        }
        TryOutcome outcome = TryOutcome.classify(result.exitStatus(), stderr, whitelist);
        log.accept(new HostCommand(
                fact, result, outcome.kind().name().toLowerCase(Locale.ROOT), outcome.nonWhitelistedStderr()));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
