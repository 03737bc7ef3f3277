package dev.lazarus.testsupport;

import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;

/** A control plane for discovery tests of the engine alone: validates, never provisions. */
public final class StaticControlPlane implements ControlPlane {

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
