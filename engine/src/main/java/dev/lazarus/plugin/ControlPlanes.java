package dev.lazarus.plugin;

import dev.lazarus.api.LazarusParameters;
import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.LazarusConfigurationException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The control planes on the class path, by name. */
public final class ControlPlanes {

    /** The artifact that brings a control plane Lazarus ships, for the message when it is missing. */
    private static final Map<String, String> SHIPPED_IN = Map.of(
            "embedded", "dev.lazarus:lazarus-embedded-fleet",
            "ec2", "dev.lazarus:lazarus-controlplane-ec2",
            "ec2-emulated", "dev.lazarus:lazarus-controlplane-ec2");

    private final Map<String, ControlPlane> byName;

    private ControlPlanes(Map<String, ControlPlane> byName) {
        this.byName = byName;
    }

    public static ControlPlanes load(ClassLoader loader) {
        Map<String, ControlPlane> byName = new TreeMap<>();
        for (ControlPlane plane : ServiceLoader.load(ControlPlane.class, loader)) {
            byName.putIfAbsent(plane.name(), plane);
        }
        return new ControlPlanes(byName);
    }

    public ControlPlane get(String name) {
        ControlPlane plane = byName.get(name);
        if (plane == null) {
            throw new LazarusConfigurationException(LazarusParameters.CONTROL_PLANE + "='" + name
                    + "' is not a known control plane; allowed: "
                    + (byName.isEmpty() ? "none on the class path" : String.join(", ", byName.keySet()))
                    + (SHIPPED_IN.containsKey(name)
                            ? " (the " + name + " control plane comes with " + SHIPPED_IN.get(name)
                                    + ": add it to the test dependencies)"
                            : ""));
        }
        return plane;
    }
}
