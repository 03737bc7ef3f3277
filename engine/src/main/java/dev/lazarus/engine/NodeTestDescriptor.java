package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One node attempt, a dynamic test named {@code node <ip>: attempt <n>}. */
public final class NodeTestDescriptor extends AbstractTestDescriptor {

    public static final String SEGMENT = "node";

    private final String ip;
    private final int attempt;

    public NodeTestDescriptor(UniqueId parentId, String ip, int attempt) {
        super(parentId.append(SEGMENT, ip), "node " + ip + ": attempt " + attempt);
        this.ip = ip;
        this.attempt = attempt;
    }

    public String ip() {
        return ip;
    }

    public int attempt() {
        return attempt;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
