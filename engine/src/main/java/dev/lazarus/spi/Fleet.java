package dev.lazarus.spi;

import java.util.List;

/** The nodes one run targets, as provisioned by a control plane. Closing it releases what it started. */
public interface Fleet extends AutoCloseable {

    /** The gold list: every node the control plane returned, in its order. */
    List<Node> nodes();

    /** The instance type, which scales the adaptive watchdog ({@code t2.micro}, ..., {@code embedded}). */
    default String instanceType() {
        return "embedded";
    }

    /** Most attempts any control-plane call needed; 0 when the control plane made no remote calls. */
    default int maxRetryObserved() {
        return 0;
    }

    /** Instances that exist but could not become nodes, each reported by id with the reason. */
    default List<Unreachable> unreachable() {
        return List.of();
    }

    /** Told before {@link #close()} whether every node ended {@code install_success} (teardown policies use it). */
    default void runEnded(boolean allSucceeded) {}

    @Override
    void close();
}
