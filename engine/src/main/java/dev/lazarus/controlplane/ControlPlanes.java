package dev.lazarus.controlplane;

import dev.lazarus.config.LazarusConfigurationException;
import dev.lazarus.config.LazarusParameters;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The control planes on the class path, by name. */
public final class ControlPlanes {

    private final Map<String, ControlPlaneFactory> byName;

    private ControlPlanes(Map<String, ControlPlaneFactory> byName) {
        this.byName = byName;
    }

    public static ControlPlanes load(ClassLoader loader) {
        Map<String, ControlPlaneFactory> byName = new TreeMap<>();
        for (ControlPlaneFactory factory : ServiceLoader.load(ControlPlaneFactory.class, loader)) {
            byName.putIfAbsent(factory.name(), factory);
        }
        return new ControlPlanes(byName);
    }

    public ControlPlaneFactory get(String name) {
        ControlPlaneFactory factory = byName.get(name);
        if (factory == null) {
            throw new LazarusConfigurationException(LazarusParameters.CONTROL_PLANE + "='" + name
                    + "' is not a known control plane; allowed: " + String.join(", ", byName.keySet())
                    + (byName.isEmpty() ? "(none on the class path: add lazarus-embedded-fleet)" : ""));
        }
        return factory;
    }
}
