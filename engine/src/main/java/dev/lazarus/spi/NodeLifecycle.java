package dev.lazarus.spi;

import java.util.List;
import java.util.Map;

/**
 * An extension that acts on the nodes of a run: before provisioning (settings for the control plane), and at the
 * points of every node attempt ({@link NodeHooks}). Whatever it causes on purpose it declares first through
 * {@link Expectations}, so the journal holds what was done beside what the run detected.
 */
public interface NodeLifecycle extends Extension {

    /**
     * Checks this extension's settings for a scenario at discovery.
     *
     * @throws LazarusConfigurationException naming the bad parameter or annotation
     */
    default void validate(ScenarioInfo scenario) {}

    /** This extension's part in one run of {@code scenario}. */
    RunPart forRun(ScenarioInfo scenario);

    /** What an extension does in one run. */
    interface RunPart {

        RunPart NONE = new RunPart() {};

        /** Parameters the control plane should see (simulated misbehaviour, emulator faults); called before provisioning. */
        default Map<String, String> controlPlaneParameters(Expectations expectations) {
            return Map.of();
        }

        /**
         * Called with the fleet's IPs (every shard's, in gold-list order) before any install starts; returns the
         * hooks of the run. Expectations for nodes outside this shard are not journaled.
         */
        default NodeHooks nodeHooks(List<String> fleetIps, Expectations expectations) {
            return NodeHooks.NONE;
        }
    }

    /** Where an extension declares, before it acts, what it will cause and what the run must then conclude. */
    @FunctionalInterface
    interface Expectations {

        /**
         * @param cause what is done, e.g. the fault's name
         * @param publicIp the node it is done to; null for something done to the control plane
         * @param expectedStatus the status the run must give the node (or {@code ghost}, {@code unreachable})
         * @param expectedTags tags the node's entry must carry
         */
        void expect(String cause, String publicIp, String expectedStatus, List<String> expectedTags);
    }
}
