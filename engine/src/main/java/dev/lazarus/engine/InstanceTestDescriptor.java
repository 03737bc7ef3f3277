package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** An instance the control plane created but could not hand over as a node; its test fails naming its id. */
final class InstanceTestDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "instance";

    InstanceTestDescriptor(UniqueId parentId, String instanceId, Class<?> scenarioClass) {
        super(
                parentId.append(SEGMENT, instanceId),
                "instance " + instanceId + ": no node",
                ScenarioSource.of(scenarioClass));
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
