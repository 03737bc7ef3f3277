package dev.lazarus.fleet;

import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Login;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.Parameters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code embedded} control plane (the default): starts a simulated fleet on loopback for the run and
 * stops it afterwards. Its parameters:
 * <ul>
 *   <li>{@value #SPEED}: scales simulated durations, 0 (instant) to 100; default 1</li>
 *   <li>{@value #SEED}: seeds the timing jitter; default 0</li>
 *   <li>{@value #BEHAVIOURS}: misbehaving nodes, {@code ;}-separated {@code <node>=<behaviour>[@<command
 *       substring>]} where node is a 1-based number or an IP, e.g. {@code 3=silent-failure; 5=stderr-failure@apt-get}</li>
 * </ul>
 */
public final class EmbeddedControlPlane implements ControlPlane {

    public static final String NAME = "embedded";
    public static final String SPEED = "lazarus.embedded.speed";
    public static final String SEED = "lazarus.embedded.seed";
    public static final String BEHAVIOURS = "lazarus.embedded.behaviours";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Parameters parameters, int fleetSize) {
        if (fleetSize > NodeAddresses.MAX_NODES) {
            throw new LazarusConfigurationException("lazarus.fleet.size=" + fleetSize
                    + " is more than the embedded fleet can address; allowed: 1.." + NodeAddresses.MAX_NODES);
        }
        parameters.getDouble(SPEED, 1, 0, 100);
        seed(parameters);
        behaviours(parameters, fleetSize);
    }

    @Override
    public Optional<List<String>> knownAddresses(Parameters parameters, int fleetSize) {
        return Optional.of(
                IntStream.rangeClosed(1, fleetSize).mapToObj(NodeAddresses::of).toList());
    }

    @Override
    public Fleet provision(FleetRequest request) throws Exception {
        Parameters p = request.parameters();
        EmbeddedFleet fleet = EmbeddedFleet.start(
                request.size(), p.getDouble(SPEED, 1, 0, 100), seed(p), behaviours(p, request.size()));
        Login login = new Login(EmbeddedFleet.USER, fleet.harnessKey());
        List<Node> nodes = fleet.nodes().stream()
                .map(n -> new Node(n.ip(), n.ip(), "embedded-" + n.number(), fleet.port(), login, n.hostKey()))
                .toList();
        return new Fleet() {
            @Override
            public List<Node> nodes() {
                return nodes;
            }

            @Override
            public void close() {
                fleet.close();
            }
        };
    }

    private static long seed(Parameters p) {
        return p.getLong(SEED, 0);
    }

    public static Map<Integer, Behaviour> behaviours(Parameters p, int fleetSize) {
        Map<Integer, Behaviour> byNumber = new HashMap<>();
        String raw = p.get(BEHAVIOURS).orElse("");
        for (String item : raw.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new LazarusConfigurationException(
                        BEHAVIOURS + ": '" + item.strip() + "' is not <node>=<behaviour>; e.g. 3=silent-failure");
            }
            String key = item.substring(0, eq).strip();
            int number = nodeNumber(key, fleetSize);
            try {
                byNumber.put(number, Behaviour.parse(item.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new LazarusConfigurationException(BEHAVIOURS + ": " + e.getMessage() + " for node " + key
                        + "; allowed: "
                        + Arrays.stream(Behaviour.Kind.values())
                                .map(Behaviour.Kind::spec)
                                .collect(Collectors.joining(", ")));
            }
        }
        return byNumber;
    }

    private static int nodeNumber(String key, int fleetSize) {
        if (key.matches("\\d+")) {
            return Parameters.parseInt(BEHAVIOURS + " node", key, 1, fleetSize);
        }
        for (int n = 1; n <= fleetSize; n++) {
            if (NodeAddresses.of(n).equals(key)) {
                return n;
            }
        }
        throw new LazarusConfigurationException(BEHAVIOURS + ": node '" + key + "' is neither a node number 1.."
                + fleetSize + " nor the IP of one of the fleet's nodes");
    }
}
