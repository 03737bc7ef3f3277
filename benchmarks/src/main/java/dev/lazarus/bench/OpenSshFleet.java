package dev.lazarus.bench;

import dev.lazarus.fleet.openssh.RealSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH fleet on loopback: sshd listens on at most 16 addresses (its MAX_LISTEN_SOCKS), so N nodes
 * are served by ceil(N / 16) sshd processes, each with its own port and keys. Stops them all on close.
 */
final class OpenSshFleet implements AutoCloseable {

    /** One node: its address, its sshd's port and the key that logs in there. */
    record Node(String ip, int port, Path key) {}

    private static final int PER_SSHD = 16;

    private final List<RealSshd> servers;
    private final List<Node> nodes;
    private final Path dir;

    private OpenSshFleet(List<RealSshd> servers, List<Node> nodes, Path dir) {
        this.servers = servers;
        this.nodes = nodes;
        this.dir = dir;
    }

    static OpenSshFleet start(Path dir, List<String> addresses) throws Exception {
        List<RealSshd> servers = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        try {
            for (int from = 0; from < addresses.size(); from += PER_SSHD) {
                List<String> group = addresses.subList(from, Math.min(addresses.size(), from + PER_SSHD));
                RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd-" + from)), group);
                servers.add(sshd);
                group.forEach(a -> nodes.add(new Node(a, sshd.port(), sshd.clientKey())));
            }
        } catch (Exception e) {
            for (RealSshd s : servers) {
                s.close();
            }
            throw e;
        }
        return new OpenSshFleet(servers, nodes, dir);
    }

    List<Node> nodes() {
        return nodes;
    }

    List<Floor.Target> targets() {
        return nodes.stream()
                .map(n -> new Floor.Target(n.ip(), n.port(), RealSshd.USER, Floor.Login.of(n.key())))
                .toList();
    }

    /** One inventory and one known_hosts for the whole fleet. */
    Path inventory() throws Exception {
        List<String> lines = new ArrayList<>();
        for (RealSshd s : servers) {
            lines.addAll(Files.readAllLines(s.inventory()));
        }
        return Files.write(dir.resolve("inventory.txt"), lines);
    }

    Path knownHosts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (RealSshd s : servers) {
            lines.addAll(Files.readAllLines(s.knownHosts()));
        }
        return Files.write(dir.resolve("known_hosts"), lines);
    }

    @Override
    public void close() throws Exception {
        for (RealSshd s : servers) {
            s.close();
        }
    }
}
