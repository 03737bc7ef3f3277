package dev.lazarus.controlplane.ec2.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** One instance of the EC2 emulator. Its state and public IP follow from the time since launch. */
public final class EmulatedInstance {

    private final String id;
    private final int launchIndex;
    private final long launchedNanos;
    private final String imageId;
    private final String instanceType;
    private final String privateIp;
    private final String publicIp;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private volatile boolean terminated;

    EmulatedInstance(
            String id,
            int launchIndex,
            String imageId,
            String instanceType,
            String privateIp,
            String publicIp,
            Map<String, String> tags) {
        this.id = id;
        this.launchIndex = launchIndex;
        this.launchedNanos = System.nanoTime();
        this.imageId = imageId;
        this.instanceType = instanceType;
        this.privateIp = privateIp;
        this.publicIp = publicIp;
        this.tags.putAll(tags);
    }

    public String id() {
        return id;
    }

    /** 1-based position among all instances the emulator launched, which fault selections name. */
    public int launchIndex() {
        return launchIndex;
    }

    public String imageId() {
        return imageId;
    }

    public String instanceType() {
        return instanceType;
    }

    public String privateIp() {
        return privateIp;
    }

    /** The public IP it will get (an embedded node's loopback address), visible or not yet. */
    public String assignedPublicIp() {
        return publicIp;
    }

    public synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    synchronized void tag(String key, String value) {
        tags.put(key, value);
    }

    public boolean terminated() {
        return terminated;
    }

    void terminate() {
        terminated = true;
    }

    long ageMillis() {
        return (System.nanoTime() - launchedNanos) / 1_000_000;
    }
}
