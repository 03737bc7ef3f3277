package dev.lazarus.controlplane.ec2.emulator;

import dev.lazarus.controlplane.ec2.Ec2ControlPlane;
import dev.lazarus.fleet.EmbeddedControlPlane;
import dev.lazarus.fleet.EmbeddedFleet;
import dev.lazarus.fleet.SimulatedNode;
import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.Unreachable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The {@code ec2-emulated} control plane: the real {@code ec2} control plane (AWS SDK v2) against the
 * WireMock EC2 emulator, whose instances are embedded SSH nodes, so an EC2 scenario runs end to end
 * offline: SDK → emulator → gold list → sshj → MINA nodes. Every {@code lazarus.ec2.*} parameter still
 * applies; the emulator's own:
 * <ul>
 *   <li>{@code lazarus.ec2-emulated.throttle-rate}, {@code .server-error-rate}: share of calls answered
 *       503 RequestLimitExceeded / 500, 0..1</li>
 *   <li>{@code .never-visible}, {@code .never-ip}: comma-separated launch indexes (1-based) of faulty instances</li>
 *   <li>{@code .running-after}, {@code .ip-after}, {@code .ip-stagger}: timing of pending → running and of IPs</li>
 *   <li>{@code .seed}: seeds the choice of faulty calls</li>
 * </ul>
 */
public final class EmulatedEc2ControlPlane implements ControlPlane {

    public static final String NAME = "ec2-emulated";
    static final String P = "lazarus.ec2-emulated.";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Parameters parameters, int fleetSize) {
        new EmbeddedControlPlane().validate(parameters, fleetSize);
        faults(parameters);
        timing(parameters, "running-after", Duration.ofMillis(300));
    }

    @Override
    public Fleet provision(FleetRequest request) throws Exception {
        Parameters p = request.parameters();
        Path dir = Files.createTempDirectory("lazarus-ec2-emulated");
        EmbeddedFleet nodes = null;
        Ec2Emulator emulator = null;
        try {
            nodes = EmbeddedFleet.start(
                    request.size(),
                    p.getDouble(EmbeddedControlPlane.SPEED, 1, 0, 100),
                    p.getLong(EmbeddedControlPlane.SEED, 0),
                    EmbeddedControlPlane.behaviours(p, request.size()));
            emulator = Ec2Emulator.start(
                    nodes.nodes().stream().map(SimulatedNode::ip).toList(),
                    timing(p, "running-after", Duration.ofMillis(300)),
                    timing(p, "ip-after", Duration.ofMillis(500)),
                    timing(p, "ip-stagger", Duration.ofMillis(100)),
                    faults(p));
            Map<String, String> ec2 = new HashMap<>();
            ec2.put("lazarus.ec2.endpoint", emulator.endpoint().toString());
            ec2.put("lazarus.ec2.private-key", writeKey(dir, nodes).toString());
            ec2.put("lazarus.ec2.known-hosts", writeKnownHosts(dir, nodes).toString());
            ec2.put("lazarus.ec2.ssh-port", String.valueOf(nodes.port()));
            ec2.put("lazarus.ec2.user", EmbeddedFleet.USER);
            defaults(p, ec2);
            Fleet fleet = new Ec2ControlPlane()
                    .provision(
                            new FleetRequest(request.size(), request.runId(), p.with(ec2), request.journal()),
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("AKIAEMULATOR0000", "emulator-secret-key")));
            return new EmulatedFleet(fleet, emulator, nodes, dir);
        } catch (Exception | Error e) {
            if (emulator != null) {
                emulator.close();
            }
            if (nodes != null) {
                nodes.close();
            }
            delete(dir);
            throw e;
        }
    }

    /** Emulator-friendly defaults for what a real account would configure; any given value wins. */
    private static void defaults(Parameters p, Map<String, String> ec2) {
        Map<String, String> d = Map.of(
                "lazarus.ec2.region", "us-east-1",
                "lazarus.ec2.ami", "ami-0123456789abcdef0",
                "lazarus.ec2.security-group", "sg-0123456789abcdef0",
                "lazarus.ec2.ingress-cidr", "127.0.0.1/32",
                "lazarus.ec2.ingress-ports", "22,8080",
                "lazarus.ec2.poll-interval", "100ms",
                "lazarus.ec2.backoff", "20ms",
                "lazarus.ec2.wait-timeout", "60s",
                "lazarus.ec2.ip-timeout", "30s");
        d.forEach((k, v) -> {
            if (p.get(k).isEmpty()) {
                ec2.put(k, v);
            }
        });
    }

    static Ec2Faults faults(Parameters p) {
        return new Ec2Faults(
                p.getDouble(P + "throttle-rate", 0, 0, 1),
                p.getDouble(P + "server-error-rate", 0, 0, 1),
                indexes(p, "never-visible"),
                indexes(p, "never-ip"),
                p.getLong(P + "seed", 0));
    }

    private static Set<Integer> indexes(Parameters p, String key) {
        return p.get(P + key).stream()
                .flatMap(raw -> Arrays.stream(raw.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Parameters.parseInt(P + key, s, 1, 1_000_000))
                .collect(Collectors.toSet());
    }

    private static Duration timing(Parameters p, String key, Duration defaultValue) {
        return p.getDuration(P + key, defaultValue, Duration.ofMinutes(10));
    }

    private static Path writeKey(Path dir, EmbeddedFleet nodes) throws Exception {
        Path key = dir.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
                    nodes.harnessKey(),
                    "lazarus-emulated",
                    (org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext) null,
                    out);
        }
        return key;
    }

    private static Path writeKnownHosts(Path dir, EmbeddedFleet nodes) throws Exception {
        List<String> lines = new ArrayList<>();
        for (SimulatedNode n : nodes.nodes()) {
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(n.hostKey(), null, pub);
            String[] parts = pub.toString(StandardCharsets.UTF_8).strip().split("\\s+");
            lines.add("[" + n.ip() + "]:" + nodes.port() + " " + parts[0] + " " + parts[1]);
        }
        return Files.write(dir.resolve("known_hosts"), lines);
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** The EC2 fleet plus what it stands on: the emulator, the embedded nodes and the key files. */
    private static final class EmulatedFleet implements Fleet {
        private final Fleet ec2;
        private final Ec2Emulator emulator;
        private final EmbeddedFleet nodes;
        private final Path dir;

        EmulatedFleet(Fleet ec2, Ec2Emulator emulator, EmbeddedFleet nodes, Path dir) {
            this.ec2 = ec2;
            this.emulator = emulator;
            this.nodes = nodes;
            this.dir = dir;
        }

        @Override
        public List<Node> nodes() {
            return ec2.nodes();
        }

        @Override
        public List<Unreachable> unreachable() {
            return ec2.unreachable();
        }

        @Override
        public String instanceType() {
            return ec2.instanceType();
        }

        @Override
        public int maxRetryObserved() {
            return ec2.maxRetryObserved();
        }

        @Override
        public void runEnded(boolean allSucceeded) {
            ec2.runEnded(allSucceeded);
        }

        @Override
        public void close() {
            try {
                ec2.close();
            } finally {
                emulator.close();
                nodes.close();
                delete(dir);
            }
        }
    }
}
