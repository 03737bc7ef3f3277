package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A shard of the gold list, registered dynamically once the gold list is known. */
public final class ShardDescriptor extends AbstractTestDescriptor {

    public static final String SEGMENT = "shard";

    public ShardDescriptor(UniqueId parentId, int index, int total, int nodes, int goldSize) {
        super(
                parentId.append(SEGMENT, String.valueOf(index)),
                "shard " + index + "/" + total + " (gold list: " + nodes + " of " + goldSize + " IPs)");
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
