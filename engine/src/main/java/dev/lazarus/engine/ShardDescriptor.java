package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A shard of the gold list, registered dynamically once the gold list is known: the first pass's container. */
final class ShardDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "shard";

    ShardDescriptor(UniqueId parentId, int index, int total, int nodes, int goldSize, Class<?> scenarioClass) {
        super(
                parentId.append(SEGMENT, String.valueOf(index)),
                "shard " + index + "/" + total + " (gold list: " + nodes + " of " + goldSize + " IPs)",
                ScenarioSource.of(scenarioClass));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
