package dev.lazarus.testsupport;

import dev.lazarus.config.LazarusConfigurationException;
import dev.lazarus.config.Parameters;
import dev.lazarus.controlplane.ControlPlaneFactory;
import dev.lazarus.controlplane.Fleet;
import dev.lazarus.controlplane.FleetRequest;

/** A control plane for discovery tests of the engine alone: validates, never provisions. */
public final class StaticControlPlane implements ControlPlaneFactory {

    @Override
    public String name() {
        return "static";
    }

    @Override
    public void validate(Parameters parameters, int fleetSize) {
        if (parameters.get("lazarus.static.reject").isPresent()) {
            throw new LazarusConfigurationException("lazarus.static.reject is set");
        }
    }

    @Override
    public Fleet provision(FleetRequest request) {
        throw new UnsupportedOperationException("the static control plane only serves discovery tests");
    }
}
