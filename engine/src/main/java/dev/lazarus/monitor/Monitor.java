package dev.lazarus.monitor;

import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.IpAddresses;
import dev.lazarus.spi.RegistryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Derives the fleet-level verdicts from a registry, which is derived from the journal. */
public final class Monitor {

    private Monitor() {}

    public static FleetAssessment assess(Registry registry) {
        List<String> gold = registry.goldIps();
        Set<String> goldSet = new HashSet<>();
        Set<String> countedTwice = new TreeSet<>();
        for (String ip : gold) {
            if (!goldSet.add(ip)) {
                countedTwice.add(ip);
            }
        }
        List<RegistryEntry> untraceable = new ArrayList<>();
        Map<String, Set<Integer>> attemptsByIp = new HashMap<>();
        for (RegistryEntry entry : registry.finalEntries()) {
            if (!entry.hasValidIp()) {
                untraceable.add(entry);
                continue;
            }
            if (!attemptsByIp
                    .computeIfAbsent(entry.publicIp(), ip -> new HashSet<>())
                    .add(entry.attempt())) {
                countedTwice.add(entry.publicIp());
            }
        }
        Map<String, RegistryEntry> finalByIp = new HashMap<>(registry.finalEntryByIp());
        finalByIp.keySet().removeIf(ip -> !IpAddresses.isValid(ip));
        List<String> ghosts = gold.stream()
                .distinct()
                .filter(ip -> !finalByIp.containsKey(ip))
                .toList();
        List<String> foreign = finalByIp.keySet().stream()
                .filter(ip -> !goldSet.contains(ip))
                .sorted()
                .toList();
        return new FleetAssessment(gold, finalByIp, ghosts, untraceable, foreign, new ArrayList<>(countedTwice));
    }
}
