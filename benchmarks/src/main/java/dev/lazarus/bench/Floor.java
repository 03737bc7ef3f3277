package dev.lazarus.bench;

import dev.lazarus.run.Workers;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The floor: a bare sshj client, one worker a node (virtual threads on 21+), the same handshake permits as
 * Lazarus, the same commands run in order; no engine, journal, verdicts or reports.
 */
final class Floor {

    /** One node to reach, and how to log in to it. */
    record Target(String ip, int port, String user, Login login) {}

    /** How to log in: an in-memory key pair or a key file. */
    interface Login {
        KeyProvider keys(SSHClient client) throws Exception;

        static Login of(KeyPair pair) {
            return client -> client.loadKeys(pair);
        }

        static Login of(Path file) {
            return client -> client.loadKeys(file.toString());
        }
    }

    private static final DefaultConfig CONFIG = new DefaultConfig();

    private Floor() {}

    /** Runs every target; returns how many failed. */
    static int run(List<Target> targets, List<String> commands) throws Exception {
        Semaphore handshakes = new Semaphore(16 * Runtime.getRuntime().availableProcessors());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService workers = Workers.perTask("floor");
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Target t : targets) {
                done.add(workers.submit(() -> {
                    try {
                        node(t, commands, handshakes);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
        return failures.get();
    }

    private static void node(Target t, List<String> commands, Semaphore handshakes) throws Exception {
        try (SSHClient client = new SSHClient(CONFIG)) {
            client.addHostKeyVerifier(new PromiscuousVerifier());
            client.setConnectTimeout(30_000);
            client.setTimeout(60_000);
            handshakes.acquire();
            try {
                client.connect(t.ip(), t.port());
                client.authPublickey(t.user(), t.login().keys(client));
            } finally {
                handshakes.release();
            }
            for (String command : commands) {
                try (Session session = client.startSession()) {
                    Session.Command c = session.exec(command);
                    IOUtils.readFully(c.getInputStream());
                    IOUtils.readFully(c.getErrorStream());
                    c.join(60, TimeUnit.SECONDS);
                    if (c.getExitStatus() == null || c.getExitStatus() != 0) {
                        throw new IllegalStateException(t.ip() + ": `" + command + "` exited " + c.getExitStatus());
                    }
                }
            }
        }
    }
}
