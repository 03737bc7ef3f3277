package dev.lazarus.controlplane;

import dev.lazarus.config.Parameters;

/**
 * Service provider interface for a control plane, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.lazarus.controlplane.ControlPlaneFactory}), so the engine does not depend
 * on any of them.
 */
public interface ControlPlaneFactory {

    /** The name a scenario or {@code lazarus.control-plane} selects it by. */
    String name();

    /**
     * Checks the parameters this control plane reads, at discovery, before anything is started.
     *
     * @throws dev.lazarus.config.LazarusConfigurationException naming the bad parameter
     */
    default void validate(Parameters parameters, int fleetSize) {}

    /** The gold list this control plane will return, when it is known before provisioning (embedded). */
    default java.util.Optional<java.util.List<String>> knownAddresses(Parameters parameters, int fleetSize) {
        return java.util.Optional.empty();
    }

    /** Provides the fleet. Blocking, bounded by the control plane's own timeouts. */
    Fleet provision(FleetRequest request) throws Exception;
}
