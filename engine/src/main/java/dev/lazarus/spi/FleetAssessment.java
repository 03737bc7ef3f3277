package dev.lazarus.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet-level verdicts of a run: who is a ghost, which entries are untraceable, and whether the
 * accounting invariant {@code |gold| == |IPs with a final entry| + |ghosts|} holds with no IP counted twice.
 *
 * @param gold the gold-list IPs, in order
 * @param finalEntryByIp each traced IP's verdict (its latest final attempt)
 * @param ghosts gold IPs with no final entry
 * @param untraceable final entries without a valid IP
 * @param foreign traced IPs that are not in the gold list
 * @param countedTwice IPs that appear twice in the gold list or with two final entries for one attempt
 */
public record FleetAssessment(
        List<String> gold,
        Map<String, RegistryEntry> finalEntryByIp,
        List<String> ghosts,
        List<RegistryEntry> untraceable,
        List<String> foreign,
        List<String> countedTwice) {

    public FleetAssessment {
        gold = List.copyOf(gold);
        finalEntryByIp = Map.copyOf(finalEntryByIp);
        ghosts = List.copyOf(ghosts);
        untraceable = List.copyOf(untraceable);
        foreign = List.copyOf(foreign);
        countedTwice = List.copyOf(countedTwice);
    }

    public int tracedInGold() {
        Set<String> goldSet = new HashSet<>(gold);
        return (int) finalEntryByIp.keySet().stream().filter(goldSet::contains).count();
    }

    /** Resurrection candidates: gold IPs, in gold order, whose final entry is not {@code install_success}. */
    public List<String> candidates() {
        return gold.stream()
                .distinct()
                .filter(ip -> {
                    RegistryEntry e = finalEntryByIp.get(ip);
                    return e != null && !e.status().isSuccess();
                })
                .toList();
    }

    public boolean invariantHolds() {
        return gold.size() == tracedInGold() + ghosts.size()
                && foreign.isEmpty()
                && countedTwice.isEmpty()
                && ghosts.stream().noneMatch(finalEntryByIp::containsKey);
    }

    /** The invariant's arithmetic, as shown in the verdict and the recap. */
    public String arithmetic() {
        return "|gold| " + gold.size() + (invariantHolds() ? " == " : " != ") + "|IPs with a final entry| "
                + tracedInGold() + " + |ghosts| " + ghosts.size() + "; foreign IPs " + foreign.size()
                + "; counted twice " + countedTwice.size();
    }
}
