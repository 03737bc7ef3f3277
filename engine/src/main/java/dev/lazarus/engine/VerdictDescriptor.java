package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A fleet-level verdict test, run after the node tests; its source is the scenario class. */
final class VerdictDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "verdict";

    /** The fleet-level verdicts, in the order they run. */
    enum Kind {
        GHOSTS("ghosts", "verdict: ghosts"),
        UNTRACEABLE("untraceable", "verdict: untraceable entries"),
        INVARIANT("invariant", "verdict: accounting invariant");

        final String id;
        final String displayName;

        Kind(String id, String displayName) {
            this.id = id;
            this.displayName = displayName;
        }
    }

    private final Kind kind;

    VerdictDescriptor(UniqueId parentId, Kind kind, Class<?> scenarioClass) {
        super(parentId.append(SEGMENT, kind.id), kind.displayName, ScenarioSource.of(scenarioClass));
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
