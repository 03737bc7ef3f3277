package dev.lazarus.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where a fleet comes from, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.lazarus.spi.ControlPlane}), so the engine depends on none of them.
 *
 * <pre>{@code
 * public final class StaticControlPlane implements ControlPlane {
 *     public String name() { return "static"; }
 *     public Fleet provision(FleetRequest request) { ... }
 * }
 * }</pre>
 */
public interface ControlPlane {

    /** The name a scenario or {@code lazarus.control-plane} selects it by. */
    String name();

    /**
     * Checks the parameters this control plane reads, at discovery, before anything is started.
     *
     * @throws LazarusConfigurationException naming the bad parameter
     */
    default void validate(Parameters parameters, int fleetSize) {}

    /** The gold list this control plane will return, when it is known before provisioning (embedded). */
    default Optional<List<String>> knownAddresses(Parameters parameters, int fleetSize) {
        return Optional.empty();
    }

    /** Provides the fleet. Blocking, bounded by the control plane's own timeouts. */
    Fleet provision(FleetRequest request) throws Exception;
}
