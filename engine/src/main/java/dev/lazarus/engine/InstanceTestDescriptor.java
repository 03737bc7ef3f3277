package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** An instance the control plane created but could not hand over as a node; its test fails naming its id. */
public final class InstanceTestDescriptor extends AbstractTestDescriptor {

    public static final String SEGMENT = "instance";

    public InstanceTestDescriptor(UniqueId parentId, String instanceId) {
        super(parentId.append(SEGMENT, instanceId), "instance " + instanceId + ": no node");
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
