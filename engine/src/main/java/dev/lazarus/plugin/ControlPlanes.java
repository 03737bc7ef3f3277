package dev.lazarus.plugin;

import dev.lazarus.api.LazarusParameters;
import dev.lazarus.api.Scenario;
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
            throw new LazarusConfigurationException(missing(name));
        }
        return plane;
    }

    /** {@code @Scenario}'s default, read from the annotation so there is one place for it. */
    static String defaultControlPlane() {
        try {
            return (String) Scenario.class.getMethod("controlPlane").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private String missing(String name) {
        String there = byName.isEmpty() ? "none" : String.join(", ", byName.keySet());
        if (name.equals(defaultControlPlane())) {
            return "the default control plane '" + name + "' (the embedded simulated fleet) is not on the class path"
                    + " (control planes there: " + there + "): add dev.lazarus:lazarus (the starter) or "
                    + SHIPPED_IN.get(name) + " to the test dependencies, or name another with "
                    + LazarusParameters.CONTROL_PLANE;
        }
        return LazarusParameters.CONTROL_PLANE + "='" + name + "' is not a known control plane; allowed: " + there
                + (SHIPPED_IN.containsKey(name)
                        ? " (the " + name + " control plane comes with " + SHIPPED_IN.get(name)
                                + ": add it to the test dependencies)"
                        : "");
    }
}
