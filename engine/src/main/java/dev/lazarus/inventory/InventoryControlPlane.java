package dev.lazarus.inventory;

import dev.lazarus.api.LazarusParameters;
import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Login;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.PrivateKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code inventory} control plane: a static file of real hosts. Host keys are verified against an
 * OpenSSH known_hosts file. Parameters:
 * <ul>
 *   <li>{@value #FILE}: the inventory (required); see {@link InventoryFile} for its format</li>
 *   <li>{@value #KNOWN_HOSTS}: the known_hosts file; default {@code ~/.ssh/known_hosts}</li>
 * </ul>
 * The fleet size is the number of hosts in the file; {@code lazarus.fleet.size} may only take fewer.
 */
public final class InventoryControlPlane implements ControlPlane {

    public static final String NAME = "inventory";
    public static final String FILE = "lazarus.inventory.file";
    public static final String KNOWN_HOSTS = "lazarus.inventory.known-hosts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Parameters parameters, int fleetSize) {
        int hosts = InventoryFile.parse(file(parameters)).size();
        if (parameters.get(LazarusParameters.FLEET_SIZE).isPresent() && fleetSize > hosts) {
            throw new LazarusConfigurationException(LazarusParameters.FLEET_SIZE + "=" + fleetSize
                    + " but the inventory " + file(parameters) + " lists " + hosts + " host(s); allowed: 1.." + hosts);
        }
        knownHosts(parameters);
    }

    /** The hosts of the file the run takes: so the journal and the injectors know the real fleet size. */
    @Override
    public Optional<List<String>> knownAddresses(Parameters parameters, int fleetSize) {
        return Optional.of(taken(parameters, fleetSize).stream()
                .map(InventoryFile.Host::ip)
                .toList());
    }

    /** Every host of the file, or the first {@code lazarus.fleet.size} of them when it is set. */
    private static List<InventoryFile.Host> taken(Parameters p, int fleetSize) {
        List<InventoryFile.Host> hosts = InventoryFile.parse(file(p));
        int size = p.get(LazarusParameters.FLEET_SIZE).isPresent() ? Math.min(hosts.size(), fleetSize) : hosts.size();
        return hosts.subList(0, size);
    }

    @Override
    public Fleet provision(FleetRequest request) {
        Parameters p = request.parameters();
        Path knownHosts = knownHosts(p);
        Map<Path, KeyPair> keys = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (InventoryFile.Host host : taken(p, request.size())) {
            KeyPair key = keys.computeIfAbsent(host.key(), k -> PrivateKeys.load(k, FILE + " line " + host.line()));
            nodes.add(new Node(
                    host.ip(),
                    host.privateIp(),
                    "inventory:" + host.line(),
                    host.port(),
                    new Login(host.user(), key),
                    null,
                    knownHosts));
        }
        return new Fleet() {
            @Override
            public List<Node> nodes() {
                return nodes;
            }

            @Override
            public String instanceType() {
                return "inventory";
            }

            @Override
            public void close() {
                // the hosts are not ours to stop
            }
        };
    }

    private static Path file(Parameters p) {
        return Path.of(p.get(FILE)
                .orElseThrow(() -> new LazarusConfigurationException(
                        FILE + " is required by the inventory control plane: the path of a file of hosts")));
    }

    private static Path knownHosts(Parameters p) {
        Path path = p.get(KNOWN_HOSTS)
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        if (!Files.isReadable(path)) {
            throw new LazarusConfigurationException(KNOWN_HOSTS + ": " + path + " is not a readable known_hosts file; "
                    + "host keys are always verified");
        }
        return path;
    }
}
