package dev.lazarus.fleet.openssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd for tests and benchmarks: generated config and host key, non-daemon mode, one free port on several
 * loopback addresses, logins only as a dedicated user (whose {@code ~/.bashrc} is empty, so commands do not
 * pay for a login environment) with a generated key. Stopped by {@link #close()}.
 */
public final class RealSshd implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    public static final String USER = "lazarus-ssh";

    private final Process process;
    /** Stops the sshd if the JVM ends (SIGTERM or SIGINT to a test run or benchmark) before {@link #close()} did. */
    private final Thread reaper;

    private final Path dir;
    private final int port;
    private final List<String> addresses;

    private RealSshd(Process process, Path dir, int port, List<String> addresses) {
        this.process = process;
        this.reaper = new Thread(() -> stop(true), "real-sshd-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        this.dir = dir;
        this.port = port;
        this.addresses = addresses;
    }

    /** Why real-sshd tests cannot run here, or null when they can (creating the login user if needed). */
    public static String unavailableBecause() throws Exception {
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) {
            return "OpenSSH's sshd is not installed (apt-get install -y openssh-server)";
        }
        if (run("id", "-u", USER) != 0) {
            if (run("id", "-u").intValue() != 0 || run("useradd", "-m", "-s", "/bin/bash", USER) != 0) {
                return "the login user " + USER + " does not exist and cannot be created (not root)";
            }
        }
        if (run("id", "-u").intValue() == 0) {
            // useradd leaves the account locked ("!"), and sshd without PAM refuses locked accounts even for
            // key logins; "*" means: no password, not locked.
            run("usermod", "-p", "*", USER);
        }
        Path home = Path.of("/home", USER);
        if (Files.isDirectory(home) && Files.isWritable(home)) {
            Files.writeString(home.resolve(".bashrc"), "");
        }
        Files.createDirectories(Path.of("/run/sshd"));
        return null;
    }

    public static RealSshd start(Path dir, List<String> addresses) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        keygen(dir.resolve("host_ed25519"));
        keygen(dir.resolve("id_ed25519"));
        Path authorized = Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
        int port = freePort(addresses.get(0));
        StringBuilder config = new StringBuilder();
        config.append("Port ").append(port).append('\n');
        addresses.forEach(a -> config.append("ListenAddress ").append(a).append('\n'));
        config.append("HostKey ")
                .append(dir.resolve("host_ed25519"))
                .append('\n')
                .append("PidFile ")
                .append(dir.resolve("sshd.pid"))
                .append('\n')
                .append("AuthorizedKeysFile ")
                .append(authorized)
                .append('\n')
                .append("AllowUsers ")
                .append(USER)
                .append('\n')
                .append("""
                        StrictModes no
                        UsePAM no
                        PasswordAuthentication no
                        KbdInteractiveAuthentication no
                        PermitRootLogin no
                        MaxStartups 200:30:400
                        MaxSessions 50
                        Subsystem sftp internal-sftp
                        LogLevel ERROR
                        """);
        Path configFile = Files.writeString(dir.resolve("sshd_config"), config);
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        RealSshd sshd = new RealSshd(process, dir, port, addresses);
        try {
            sshd.awaitListening(10);
        } catch (Exception | Error e) {
            try {
                sshd.close();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return sshd;
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    /** known_hosts naming every address of this sshd with its host key. */
    public Path knownHosts() throws IOException {
        String key = Files.readString(dir.resolve("host_ed25519.pub")).strip().split("\\s+", 3)[0] + " "
                + Files.readString(dir.resolve("host_ed25519.pub")).strip().split("\\s+", 3)[1];
        List<String> lines = new ArrayList<>();
        addresses.forEach(a -> lines.add("[" + a + "]:" + port + " " + key));
        return Files.write(dir.resolve("known_hosts"), lines);
    }

    /** An inventory of every address of this sshd. */
    public Path inventory() throws IOException {
        List<String> lines = new ArrayList<>();
        addresses.forEach(a -> lines.add(a + ":" + port + " " + USER + " " + clientKey()));
        return Files.write(dir.resolve("inventory.txt"), lines);
    }

    private void awaitListening(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(addresses.get(addresses.size() - 1), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not listen within " + seconds + " s");
    }

    private static void keygen(Path file) throws Exception {
        if (run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString()) != 0) {
            throw new IllegalStateException("ssh-keygen failed for " + file);
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        }
    }

    private static Integer run(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Override
    public void close() throws Exception {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the reaper runs anyway
        }
        stop(false);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            stop(true);
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Ends the listening sshd and the per-connection sshd processes it forked (with their commands): those
     * outlive the listener, which is why systemd's ssh.service kills by process only.
     */
    private void stop(boolean forcibly) {
        List<ProcessHandle> sessions = process.descendants().toList();
        if (forcibly) {
            process.destroyForcibly();
            sessions.forEach(ProcessHandle::destroyForcibly);
        } else {
            process.destroy();
            sessions.forEach(ProcessHandle::destroy);
        }
    }
}
