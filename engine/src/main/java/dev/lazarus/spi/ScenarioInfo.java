package dev.lazarus.spi;

import java.util.List;
import java.util.Optional;

/**
 * A scenario as an extension sees it, at discovery and before its run.
 *
 * @param scenarioClass the scenario class, for the extension's own annotations on it
 * @param name the scenario's name
 * @param controlPlane the control plane that provides the fleet
 * @param fleetSize the number of nodes asked for
 * @param parameters the configuration parameters
 * @param knownAddresses the gold list, when the control plane can tell it before provisioning (embedded)
 */
public record ScenarioInfo(
        Class<?> scenarioClass,
        String name,
        String controlPlane,
        int fleetSize,
        Parameters parameters,
        Optional<List<String>> knownAddresses) {}
