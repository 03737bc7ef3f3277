package dev.lazarus.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A fleet-level verdict test, run after the node tests. */
public final class VerdictDescriptor extends AbstractTestDescriptor {

    public static final String SEGMENT = "verdict";

    /** The fleet-level verdicts, in the order they run. */
    public enum Kind {
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

    VerdictDescriptor(UniqueId parentId, Kind kind) {
        super(parentId.append(SEGMENT, kind.id), kind.displayName);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
