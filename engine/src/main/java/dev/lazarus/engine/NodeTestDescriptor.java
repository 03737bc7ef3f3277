package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * One node attempt, a dynamic test named {@code node <ip>: attempt <n>}. Its source is the scenario class, so an IDE
 * navigates from a node's result to the scenario that installed it. When the scenario has node checks, they are its
 * children, and it is both a test (the install's verdict) and their container.
 */
final class NodeTestDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "node";

    private final String ip;
    private final int attempt;
    private final boolean hasChecks;

    NodeTestDescriptor(UniqueId parentId, String ip, int attempt, Class<?> scenarioClass, boolean hasChecks) {
        super(parentId.append(SEGMENT, ip), "node " + ip + ": attempt " + attempt, ScenarioSource.of(scenarioClass));
        this.ip = ip;
        this.attempt = attempt;
        this.hasChecks = hasChecks;
    }

    String ip() {
        return ip;
    }

    int attempt() {
        return attempt;
    }

    @Override
    public Type getType() {
        return hasChecks ? Type.CONTAINER_AND_TEST : Type.TEST;
    }
}
