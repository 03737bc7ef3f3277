package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A resurrection round: a container registered dynamically after the monitor and gatekeeper ran. */
final class ResurrectionRoundDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "round";

    ResurrectionRoundDescriptor(UniqueId scenarioId, int round, Class<?> scenarioClass) {
        super(
                scenarioId.append(SEGMENT, String.valueOf(round)),
                "resurrection round " + round,
                ScenarioSource.of(scenarioClass));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
