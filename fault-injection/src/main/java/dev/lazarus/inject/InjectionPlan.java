package dev.lazarus.inject;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.ScenarioInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which fault goes to which node of a run: from {@link Inject} annotations and {@code lazarus.inject.*}
 * parameters (which win), drawn without replacement from the fleet with a seeded shuffle, so the same seed
 * always picks the same nodes and no node gets two faults.
 */
final class InjectionPlan {

    static final String PREFIX = "lazarus.inject.";
    static final String SEED = PREFIX + "seed";

    /** Faults by node: 1-based position in the fleet, or an explicit IP when positions are unknown. */
    private final Map<Integer, Fault> byPosition;

    private final Map<String, Fault> byIp;
    /** The share of EC2 API calls throttled, when {@link Fault#THROTTLE} is on. */
    private final Optional<Double> throttleRate;
    /** Launch indexes (1-based) of the instances that never get a public IP ({@link Fault#NO_IP}). */
    private final List<Integer> noIp;

    private InjectionPlan(
            Map<Integer, Fault> byPosition,
            Map<String, Fault> byIp,
            Optional<Double> throttleRate,
            List<Integer> noIp) {
        this.byPosition = byPosition;
        this.byIp = byIp;
        this.throttleRate = throttleRate;
        this.noIp = List.copyOf(noIp);
    }

    boolean isEmpty() {
        return byPosition.isEmpty() && byIp.isEmpty() && throttleRate.isEmpty() && noIp.isEmpty();
    }

    Optional<Double> throttleRate() {
        return throttleRate;
    }

    List<Integer> noIp() {
        return noIp;
    }

    Map<Integer, Fault> byPosition() {
        return Collections.unmodifiableMap(byPosition);
    }

    Map<String, Fault> byIp() {
        return Collections.unmodifiableMap(byIp);
    }

    static Map<Fault, Selection> selections(Class<?> scenarioClass, Parameters p) {
        Map<Fault, Selection> selections = new EnumMap<>(Fault.class);
        for (Inject inject : scenarioClass.getAnnotationsByType(Inject.class)) {
            String where = "@Inject(fault = \"" + inject.fault() + "\") on " + scenarioClass.getName();
            Fault fault = Fault.byName(inject.fault())
                    .orElseThrow(() ->
                            new LazarusConfigurationException(where + ": unknown fault; allowed: " + Fault.allowed()));
            selections.put(fault, Selection.of(where, inject));
        }
        for (String key : p.keys()) {
            if (!key.startsWith(PREFIX) || key.equals(SEED)) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            Fault fault = Fault.byName(name)
                    .orElseThrow(() -> new LazarusConfigurationException(
                            key + ": unknown fault '" + name + "'; allowed: " + Fault.allowed() + " (and seed)"));
            p.get(key).ifPresent(raw -> selections.put(fault, Selection.parse(key, raw)));
        }
        return selections;
    }

    static long seed(Parameters p) {
        return p.getLong(SEED, 0);
    }

    /** The plan for a scenario: where its faults go, checked against its fleet. */
    static InjectionPlan of(ScenarioInfo scenario) {
        Parameters p = scenario.parameters();
        int fleetSize = scenario.fleetSize();
        Optional<List<String>> known = scenario.knownAddresses();
        Map<Fault, Selection> selections = selections(scenario.scenarioClass(), p);
        Map<Fault, Selection> controlPlane = new EnumMap<>(Fault.class);
        selections.entrySet().removeIf(e -> {
            if (e.getKey().site == Fault.Site.CONTROL_PLANE) {
                controlPlane.put(e.getKey(), e.getValue());
                return true;
            }
            return false;
        });
        if (!controlPlane.isEmpty()) {
            String plane = scenario.controlPlane();
            if (!plane.equals(Fault.EMULATED_EC2)) {
                throw new LazarusConfigurationException(
                        PREFIX + controlPlane.keySet().iterator().next().name()
                                + ": control-plane faults act through the EC2 emulator; allowed with lazarus.control-plane="
                                + Fault.EMULATED_EC2 + ", not " + plane);
            }
        }
        Optional<Double> throttle = Optional.ofNullable(controlPlane.get(Fault.THROTTLE))
                .map(s -> {
                    if (s.fraction() < 0) {
                        throw new LazarusConfigurationException(PREFIX
                                + "THROTTLE: give the share of API calls to throttle, " + "0..1 (e.g. 0.3 or 30%)");
                    }
                    return s.fraction();
                });
        Map<Integer, Fault> byPosition = new LinkedHashMap<>();
        Map<String, Fault> byIp = new LinkedHashMap<>();
        for (Map.Entry<Fault, Selection> e : selections.entrySet()) {
            for (String ip : e.getValue().ips()) {
                String where = PREFIX + e.getKey().name() + " / @Inject";
                if (known.isPresent()) {
                    int position = known.get().indexOf(ip) + 1;
                    if (position == 0) {
                        throw new LazarusConfigurationException(where + ": " + ip + " is not in the gold list ("
                                + known.get().size() + " nodes, " + known.get().get(0) + " .. "
                                + known.get().get(known.get().size() - 1) + ")");
                    }
                    claim(byPosition, position, e.getKey(), ip);
                } else {
                    if (e.getKey().site == Fault.Site.NODE) {
                        throw new LazarusConfigurationException(where + ": node faults act through the embedded fleet; "
                                + e.getKey() + " cannot target " + ip + " on this control plane");
                    }
                    if (byIp.put(ip, e.getKey()) != null) {
                        throw new LazarusConfigurationException(where + ": " + ip + " is given two faults");
                    }
                }
            }
        }
        List<Integer> pool = new ArrayList<>();
        for (int n = 1; n <= fleetSize; n++) {
            pool.add(n);
        }
        Collections.shuffle(pool, new Random(seed(p)));
        pool.removeAll(byPosition.keySet());
        int next = 0;
        for (Map.Entry<Fault, Selection> e : selections.entrySet()) {
            int wanted = e.getValue().ips().isEmpty() ? e.getValue().countFor(fleetSize) : 0;
            if (next + wanted > pool.size()) {
                throw new LazarusConfigurationException(PREFIX + e.getKey().name() + ": not enough nodes left for "
                        + wanted + " more injection(s) in a fleet of " + fleetSize + " (no node gets two faults)");
            }
            for (int i = 0; i < wanted; i++) {
                byPosition.put(pool.get(next++), e.getKey());
            }
        }
        // instances without an IP never become nodes: they take launch indexes no node fault uses
        List<Integer> noIp = new ArrayList<>();
        Selection noIpSelection = controlPlane.get(Fault.NO_IP);
        if (noIpSelection != null) {
            if (!noIpSelection.ips().isEmpty()) {
                throw new LazarusConfigurationException(PREFIX + "NO_IP: give a count or a fraction of the instances; "
                        + "their IPs are what they never get");
            }
            int wanted = noIpSelection.countFor(fleetSize);
            if (next + wanted > pool.size()) {
                throw new LazarusConfigurationException(
                        PREFIX + "NO_IP: not enough instances left for " + wanted + " in a fleet of " + fleetSize);
            }
            for (int i = 0; i < wanted; i++) {
                noIp.add(pool.get(next++));
            }
            Collections.sort(noIp);
        }
        return new InjectionPlan(byPosition, byIp, throttle, noIp);
    }

    private static void claim(Map<Integer, Fault> byPosition, int position, Fault fault, String ip) {
        if (byPosition.put(position, fault) != null) {
            throw new LazarusConfigurationException(PREFIX + fault.name() + ": " + ip + " is given two faults");
        }
    }
}
