package dev.lazarus.ssh;

import dev.lazarus.spi.Node;
import dev.lazarus.ssh.SshFailure.Kind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * One node's SSH connection through sshj: key authentication, host-key verification against what the
 * control plane published (or {@code ~/.ssh/known_hosts}), explicit connect and auth timeouts, and
 * commands whose stdout and stderr are drained concurrently under the stream watchdog.
 */
public final class NodeSession implements AutoCloseable {

    /** What a command run in its own process group prints first on stderr: the group's id (it is not the command's). */
    public static final String GROUP_MARKER = "lazarus-pgid ";

    /** Lines of stderr kept per try; the registry keeps a tail of these. */
    static final int STDERR_KEEP = 200;
    /** Lines of stdout kept per try. */
    static final int STDOUT_KEEP = 25;

    private final SSHClient client;
    private final int connectAttempts;
    private final Duration handshake;
    /** Whether a command ended without an exit status (it may still run), and its process group if it said one. */
    private volatile boolean leftUnfinished;

    private volatile Long unfinishedGroup;

    private NodeSession(SSHClient client, int connectAttempts, Duration handshake) {
        this.client = client;
        this.connectAttempts = connectAttempts;
        this.handshake = handshake;
    }

    public int connectAttempts() {
        return connectAttempts;
    }

    public Duration handshake() {
        return handshake;
    }

    /**
     * Connects and authenticates, with bounded attempts, exponential backoff with jitter, and a permit
     * from {@code handshakes} around each handshake.
     */
    public static NodeSession open(Node node, Config config, SshSettings settings, HandshakePermits handshakes)
            throws SshFailure, InterruptedException {
        Exception last = null;
        boolean lastWasInitiated = false;
        for (int attempt = 1; attempt <= settings.connectAttempts(); attempt++) {
            if (attempt > 1) {
                pause(settings.backoffBase(), attempt);
            }
            SSHClient client = new SSHClient(config);
            HostKeyCheck hostKey = hostKeyCheck(node);
            boolean tcpConnected = false;
            long start = System.nanoTime();
            if (!handshakes.acquire(settings.permitWait())) {
                throw new SshFailure(
                        Kind.NO_HANDSHAKE_PERMIT,
                        attempt,
                        true,
                        "no handshake permit within " + settings.permitWait(),
                        null);
            }
            try {
                client.setConnectTimeout((int) settings.connectTimeout().toMillis());
                client.getTransport().setTimeoutMs((int) settings.authTimeout().toMillis());
                // The banner is read with a plain blocking socket read: bound it by SO_TIMEOUT during the
                // handshake, and lift that bound afterwards, when silence is the stream watchdog's business.
                client.setTimeout((int) settings.authTimeout().toMillis());
                client.addHostKeyVerifier(hostKey);
                client.connect(node.publicIp(), node.sshPort());
                tcpConnected = true;
                client.authPublickey(
                        node.login().user(), new KeyPairWrapper(node.login().keyPair()));
                client.getSocket().setSoTimeout(0);
                return new NodeSession(client, attempt, Duration.ofNanos(System.nanoTime() - start));
            } catch (UserAuthException e) {
                closeQuietly(client);
                throw new SshFailure(
                        Kind.AUTH_REJECTED,
                        attempt,
                        false,
                        "authentication as " + node.login().user() + " was refused: " + e.getMessage(),
                        e);
            } catch (TransportException e) {
                closeQuietly(client);
                // a refused host key is never the network's fault: no retry
                Optional<HostKeyCheck.Refusal> refused = hostKey.refusal();
                if (refused.isPresent()) {
                    throw new SshFailure(
                            refused.get().problem() == HostKeyCheck.Problem.UNKNOWN
                                    ? Kind.HOST_KEY_UNKNOWN
                                    : Kind.HOST_KEY_CHANGED,
                            attempt,
                            false,
                            refused.get().message(),
                            e);
                }
                last = e;
                lastWasInitiated = true;
            } catch (IOException e) {
                closeQuietly(client);
                last = e;
                lastWasInitiated = tcpConnected;
            } finally {
                handshakes.release();
            }
        }
        String lastClass = last == null ? "none" : last.getClass().getSimpleName();
        throw new SshFailure(
                lastWasInitiated ? Kind.HANDSHAKE_STALLED : Kind.UNREACHABLE,
                settings.connectAttempts(),
                isTimeout(last),
                settings.connectAttempts() + " SSH connect attempt(s) to " + node.publicIp() + ":" + node.sshPort()
                        + " failed; last: " + lastClass + ": " + (last == null ? "" : last.getMessage()),
                last);
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException
                    || c instanceof TimeoutException
                    || String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static HostKeyCheck hostKeyCheck(Node node) {
        try {
            return HostKeyCheck.of(node);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no published host key for " + node.publicIp() + " and its known_hosts file "
                            + node.knownHostsFile() + " (" + HostKeyCheck.KNOWN_HOSTS_PARAMETER + ") is unreadable",
                    e);
        }
    }

    private static void pause(Duration base, int attempt) throws InterruptedException {
        long max = Math.min(5_000, base.toMillis() << Math.min(10, attempt - 2));
        long jittered = max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1);
        Thread.sleep(jittered);
    }

    /**
     * Runs one command. Returns when it exited, or when the stream watchdog ended it (then
     * {@link ExecResult#stalled()} is true and the connection is closed).
     *
     * @throws SshFailure when the connection dropped during the command
     */
    public ExecResult exec(String command, StreamWatchdog watchdog, ExecutorService drainers)
            throws SshFailure, InterruptedException {
        return exec(command, watchdog, drainers, line -> true);
    }

    /**
     * Runs one command, keeping of its stderr only the lines {@code keepStderr} accepts (so noise such as a
     * long strace trace never fills the bounded tail that the classifier reads).
     */
    public ExecResult exec(
            String command, StreamWatchdog watchdog, ExecutorService drainers, Predicate<String> keepStderr)
            throws SshFailure, InterruptedException {
        return exec(command, watchdog, drainers, keepStderr, STDOUT_KEEP);
    }

    /** Runs one command, keeping the last {@code stdoutLines} lines of its stdout (a host fact reads them all). */
    public ExecResult exec(
            String command,
            StreamWatchdog watchdog,
            ExecutorService drainers,
            Predicate<String> keepStderr,
            int stdoutLines)
            throws SshFailure, InterruptedException {
        long start = System.nanoTime();
        StreamTail out = new StreamTail("stdout", stdoutLines, start);
        GroupMarker group = new GroupMarker();
        StreamTail err = new StreamTail("stderr", STDERR_KEEP, start, keepStderr, group);
        StreamWatchdog.Watch watch = watchdog.watch(out, err, () -> closeQuietly(client));
        group.started = false;
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            group.started = true; // from here on the command may run on the node whatever happens to us
            Future<?> errDrain = drainers.submit(() -> {
                err.drain(cmd.getErrorStream());
                return null;
            });
            IOException outFailure = null;
            try {
                out.drain(cmd.getInputStream());
            } catch (IOException e) {
                outFailure = e;
            }
            try {
                errDrain.get(watchdog.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (outFailure == null) {
                    outFailure = new IOException("stderr drain failed", e.getCause() == null ? e : e.getCause());
                }
            }
            if (watch.fired()) {
                leftUnfinished(group);
                return new ExecResult(
                        null,
                        err.lines(),
                        out.lines(),
                        Duration.ofNanos(System.nanoTime() - start),
                        true,
                        watch.silence(),
                        err.leftOut(),
                        err.leftOutCount());
            }
            if (outFailure != null) {
                leftUnfinished(group);
                throw dropped(command, outFailure);
            }
            // EOF on both streams: the exit status follows at once on a healthy channel.
            cmd.join(watchdog.timeout().toMillis(), TimeUnit.MILLISECONDS);
            Integer exit = cmd.getExitStatus();
            if (exit == null) {
                leftUnfinished(group);
                throw dropped(
                        command,
                        new IOException("the channel closed without an exit status"
                                + (cmd.getExitSignal() == null ? "" : " (signal " + cmd.getExitSignal() + ")")));
            }
            return new ExecResult(
                    exit,
                    err.lines(),
                    out.lines(),
                    Duration.ofNanos(System.nanoTime() - start),
                    false,
                    Duration.ZERO,
                    err.leftOut(),
                    err.leftOutCount());
        } catch (InterruptedException e) {
            leftUnfinished(group); // stopped while the command ran: it may run on
            throw e;
        } catch (IOException e) {
            leftUnfinished(group);
            if (watch.fired()) {
                return new ExecResult(
                        null,
                        err.lines(),
                        out.lines(),
                        Duration.ofNanos(System.nanoTime() - start),
                        true,
                        watch.silence(),
                        err.leftOut(),
                        err.leftOutCount());
            }
            throw dropped(command, e);
        } finally {
            watch.close();
        }
    }

    /**
     * The process group of the last command that ended without an exit status (a stall, a dropped or closed
     * connection), if it ran in one: it may still run on the node.
     */
    public Optional<Long> unfinishedGroup() {
        return Optional.ofNullable(unfinishedGroup);
    }

    /** True when a command of this session ended without an exit status: it may still run on the node. */
    public boolean commandLeftUnfinished() {
        return leftUnfinished;
    }

    /** The command ended without an exit status; if it had started, it may still run on the node. */
    private void leftUnfinished(GroupMarker group) {
        if (group.started) {
            unfinishedGroup = group.id();
            leftUnfinished = true;
        }
    }

    /** Takes the process group id the group wrapper prints first on stderr, so it is not the command's stderr. */
    private static final class GroupMarker implements Predicate<String> {
        private volatile Long id;
        private boolean first = true;
        /** Whether the exec request went out: before it, nothing can run on the node. */
        volatile boolean started;

        @Override
        public boolean test(String line) {
            if (!first) {
                return false;
            }
            first = false;
            if (line.startsWith(GROUP_MARKER)) {
                try {
                    id = Long.parseLong(line.substring(GROUP_MARKER.length()).strip());
                    return true;
                } catch (NumberFormatException e) {
                    return false; // not the wrapper's line after all: the command's own
                }
            }
            return false;
        }

        Long id() {
            return id;
        }
    }

    /**
     * Copies a local file to the node over SFTP, creating the remote folder first; every SFTP request waits at most
     * {@code timeout}.
     */
    public void upload(Path local, String remote, Duration timeout) throws IOException {
        try (SFTPClient sftp = sftp(timeout)) {
            int slash = remote.lastIndexOf('/');
            if (slash > 0) {
                sftp.mkdirs(remote.substring(0, slash));
            }
            sftp.put(new FileSystemFile(local.toFile()), remote);
        }
    }

    /** Copies a file of the node here over SFTP; every SFTP request waits at most {@code timeout}. */
    public void download(String remote, Path local, Duration timeout) throws IOException {
        try (SFTPClient sftp = sftp(timeout)) {
            sftp.get(remote, new FileSystemFile(local.toFile()));
        }
    }

    private SFTPClient sftp(Duration timeout) throws IOException {
        SFTPClient sftp;
        try {
            sftp = client.newSFTPClient();
        } catch (ConnectionException e) {
            throw new IOException(
                    "the node's sshd would not start SFTP (is `Subsystem sftp` in its sshd_config?): " + e.getMessage(),
                    e);
        }
        sftp.getSFTPEngine().setTimeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return sftp;
    }

    private static SshFailure dropped(String command, Exception e) {
        return new SshFailure(
                Kind.CONNECTION_DROPPED,
                0,
                false,
                "the SSH connection dropped during `" + command + "`: " + e.getMessage(),
                e);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // already broken: nothing left to release
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }
}
