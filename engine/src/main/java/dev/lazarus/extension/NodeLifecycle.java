package dev.lazarus.extension;

import dev.lazarus.config.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extension point into the node lifecycle (fault injection plugs in here), found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.lazarus.extension.NodeLifecycle}), so the
 * engine never depends on an injector.
 */
public interface NodeLifecycle {

    /**
     * Checks this extension's settings for a scenario at discovery.
     *
     * @param knownAddresses the gold list when the control plane can tell it before provisioning (embedded)
     * @throws dev.lazarus.config.LazarusConfigurationException naming the bad parameter or annotation
     */
    default void validate(
            Class<?> scenarioClass, Parameters parameters, int fleetSize, Optional<List<String>> knownAddresses) {}

    /**
     * This extension's part in one run, or {@link RunPart#NONE} when it is not switched on for it.
     *
     * @param knownAddresses the gold list when the control plane can tell it before provisioning (embedded)
     */
    RunPart forRun(Class<?> scenarioClass, Parameters parameters, int fleetSize, Optional<List<String>> knownAddresses);

    /** What an extension does in one run. */
    interface RunPart {

        RunPart NONE = new RunPart() {};

        /**
         * Parameters the control plane should see (e.g. misbehaving simulated nodes, emulator faults). Called
         * before provisioning; control-plane injections are journaled through {@code journal} here, before they act.
         */
        default Map<String, String> controlPlaneParameters(InjectionJournal journal) {
            return Map.of();
        }

        /**
         * Called with the gold list before any install starts; returns the hooks of the run. Each planned
         * action is journaled through {@code journal} before it acts.
         */
        default NodeHooks nodeHooks(List<String> gold, InjectionJournal journal) {
            return NodeHooks.NONE;
        }
    }

    /**
     * Journals a planned injection: which fault, on which node (null for a control-plane fault), and what the
     * run should then say of it.
     */
    @FunctionalInterface
    interface InjectionJournal {
        void planned(String fault, String publicIp, String expectedStatus, List<String> expectedTags);
    }
}
