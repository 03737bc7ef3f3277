package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A resurrection round: a container registered dynamically after the monitor and gatekeeper ran. */
public final class ResurrectionRoundDescriptor extends AbstractTestDescriptor {

    public static final String SEGMENT = "round";

    private final int round;

    public ResurrectionRoundDescriptor(UniqueId scenarioId, int round) {
        super(scenarioId.append(SEGMENT, String.valueOf(round)), "resurrection round " + round);
        this.round = round;
    }

    public int round() {
        return round;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
