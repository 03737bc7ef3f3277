package dev.lazarus.fleet;

/**
 * Loopback addresses of the simulated nodes: node 1 is 127.0.1.1, node 250 is 127.0.1.250, node 251
 * is 127.0.2.1, and so on. Stable across runs, so a node test's unique id (its IP) can be re-run; two
 * runs at once are kept apart by their port.
 */
public final class NodeAddresses {

    static final int PER_BLOCK = 250;
    /** Most nodes the scheme can address (third octet 1..255). */
    public static final int MAX_NODES = PER_BLOCK * 255;

    private NodeAddresses() {}

    /** The address of node {@code number} (1-based). */
    public static String of(int number) {
        if (number < 1 || number > MAX_NODES) {
            throw new IllegalArgumentException("node number " + number + " outside 1.." + MAX_NODES);
        }
        int i = number - 1;
        return "127.0." + (1 + i / PER_BLOCK) + "." + (1 + i % PER_BLOCK);
    }
}
