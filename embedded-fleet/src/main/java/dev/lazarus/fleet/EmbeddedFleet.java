package dev.lazarus.fleet;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A simulated fleet on loopback: one Apache MINA SSHD server bound to every node's own 127.0.x.y address
 * (a node is told apart by the session's local address), each node with its own host key and state.
 * Only the harness key may log in. Nodes with the {@code refuse} behaviour are simply not bound.
 * Two fleets on one machine at once use different ports, so they never collide.
 */
public final class EmbeddedFleet implements AutoCloseable {

    /** The login user of the simulated nodes. */
    public static final String USER = "lazarus";

    private static final int PORT_TRIES = 25;

    private final List<SimulatedNode> nodes;
    private final Map<String, SimulatedNode> byIp;
    private final KeyPair harnessKey;
    private final ScheduledExecutorService clock;
    private final List<Listener> listeners = new ArrayList<>();
    private SshServer server;
    /** Serves the slow-banner nodes, behind their {@link SlowBannerListener}s. */
    private SshServer backServer;

    private int port;

    private EmbeddedFleet(List<SimulatedNode> nodes, KeyPair harnessKey) {
        this.nodes = Collections.unmodifiableList(nodes);
        this.byIp = new HashMap<>();
        nodes.forEach(n -> byIp.put(n.ip(), n));
        this.harnessKey = harnessKey;
        this.clock = Executors.newScheduledThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "embedded-fleet-clock");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Starts {@code size} nodes.
     *
     * @param speed scales simulated durations (1 = realistic, 0 = instant)
     * @param seed seeds the jitter, so a run is reproducible
     * @param behaviours misbehaviour by node number (1-based); absent numbers behave normally
     */
    public static EmbeddedFleet start(int size, double speed, long seed, Map<Integer, Behaviour> behaviours)
            throws IOException {
        if (size < 1 || size > NodeAddresses.MAX_NODES) {
            throw new IllegalArgumentException("fleet size " + size + " outside 1.." + NodeAddresses.MAX_NODES);
        }
        try {
            KeyPair harnessKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            List<SimulatedNode> nodes = new ArrayList<>(size);
            for (int number = 1; number <= size; number++) {
                nodes.add(new SimulatedNode(
                        number,
                        NodeAddresses.of(number),
                        KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256),
                        behaviours.getOrDefault(number, Behaviour.NORMAL),
                        speed,
                        seed));
            }
            EmbeddedFleet fleet = new EmbeddedFleet(nodes, harnessKey);
            fleet.bind();
            return fleet;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate ed25519 keys for the embedded fleet", e);
        }
    }

    private void bind() throws IOException {
        String hosts = hostsOf(Behaviour.Kind.NORMAL);
        String slowHosts = hostsOf(Behaviour.Kind.SLOW_BANNER);
        IOException last = null;
        for (int i = 0; i < PORT_TRIES; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            SshServer sshd = newServer(hosts, candidate);
            SshServer back = slowHosts.isEmpty() ? null : newServer(slowHosts, candidate + 1);
            try {
                sshd.start();
                server = sshd;
                if (back != null) {
                    back.start();
                    backServer = back;
                }
                port = candidate;
                for (SimulatedNode n : nodes) {
                    switch (n.behaviour().kind()) {
                        case MUTE -> listeners.add(new MuteListener(n.ip(), candidate));
                        case SLOW_BANNER -> listeners.add(new SlowBannerListener(n.ip(), candidate, candidate + 1));
                        default -> {}
                    }
                }
                return;
            } catch (BindException e) {
                last = e;
                stopAll();
            } catch (IOException e) {
                stopAll();
                throw e;
            }
        }
        close();
        throw new IOException("no free port for the embedded fleet after " + PORT_TRIES + " tries", last);
    }

    /** The addresses the SSH server binds for nodes of this kind (every kind without a listener of its own for NORMAL). */
    private String hostsOf(Behaviour.Kind kind) {
        return nodes.stream()
                .filter(n -> switch (n.behaviour().kind()) {
                    case REFUSE, MUTE -> false;
                    case SLOW_BANNER -> kind == Behaviour.Kind.SLOW_BANNER;
                    default -> kind == Behaviour.Kind.NORMAL;
                })
                .map(SimulatedNode::ip)
                .collect(Collectors.joining(","));
    }

    private void stopAll() {
        listeners.forEach(Listener::close);
        listeners.clear();
        for (SshServer s : new SshServer[] {server, backServer}) {
            try {
                if (s != null) {
                    s.stop(true);
                }
            } catch (IOException e) {
                // stopping immediately; a failed close leaves nothing to retry
            }
        }
        server = null;
        backServer = null;
    }

    private SshServer newServer(String hosts, int candidatePort) {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(hosts.isEmpty() ? "127.0.0.1" : hosts);
        sshd.setPort(candidatePort);
        sshd.setKeyPairProvider(session -> {
            SimulatedNode node = byIp.get(SimulatedCommand.ipOf(session.getLocalAddress()));
            return node == null ? List.of() : List.of(node.hostKeyPair());
        });
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator(
                (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, harnessKey.getPublic()));
        sshd.setCommandFactory((channel, command) -> new SimulatedCommand(this, command));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new NodeFileSystems());
        return sshd;
    }

    public List<SimulatedNode> nodes() {
        return nodes;
    }

    public int port() {
        return port;
    }

    /** The key pair of the only identity the nodes accept. */
    public KeyPair harnessKey() {
        return harnessKey;
    }

    SimulatedNode nodeAt(String ip) {
        SimulatedNode node = byIp.get(ip);
        if (node == null) {
            throw new IllegalStateException("no simulated node at " + ip);
        }
        return node;
    }

    ScheduledExecutorService clock() {
        return clock;
    }

    @Override
    public void close() {
        try {
            stopAll();
        } finally {
            clock.shutdownNow();
            nodes.forEach(n -> n.files().close());
        }
    }

    /**
     * Each SFTP session sees its node's file system, through a root of its own: MINA closes the file system of a
     * session that ends, and closing a rooted view leaves the node's files in place for its next session.
     */
    private final class NodeFileSystems implements FileSystemFactory {
        @Override
        public Path getUserHomeDir(SessionContext session) {
            return null; // SFTP starts at the file system's working directory, the login user's home
        }

        @Override
        public FileSystem createFileSystem(SessionContext session) throws IOException {
            FileSystem files = nodeAt(SimulatedCommand.ipOf(session.getLocalAddress()))
                    .files()
                    .fileSystem();
            return new RootedFileSystemProvider().newFileSystem(files.getPath("/"), Map.of());
        }
    }

    /** A node front that is not the SSH server itself. */
    interface Listener extends AutoCloseable {
        @Override
        void close();
    }
}
