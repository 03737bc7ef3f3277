package dev.lazarus.fleet;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Random;

/** One simulated node: its number, address, host key, state and behaviour. */
public final class SimulatedNode {

    private final int number;
    private final String ip;
    private final KeyPair hostKey;
    private final Behaviour behaviour;
    private final NodeState state = new NodeState();
    private final Shell shell;

    SimulatedNode(int number, String ip, KeyPair hostKey, Behaviour behaviour, double speed, long seed) {
        this.number = number;
        this.ip = ip;
        this.hostKey = hostKey;
        this.behaviour = behaviour;
        this.shell = new Shell(ip, state, behaviour, speed, new Random(seed * 31 + number));
    }

    public int number() {
        return number;
    }

    public String ip() {
        return ip;
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    KeyPair hostKeyPair() {
        return hostKey;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    Shell shell() {
        return shell;
    }

    NodeState state() {
        return state;
    }

    /** The node's files, which its commands and its SFTP subsystem share. */
    NodeFiles files() {
        return state.files();
    }
}
