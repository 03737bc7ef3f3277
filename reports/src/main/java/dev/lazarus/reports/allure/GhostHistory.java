package dev.lazarus.reports.allure;

import dev.lazarus.reports.IpOrder;
import dev.lazarus.spi.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes that were ghosts at some monitor pass of the run, and of those the ones the run recovered (a later
 * attempt gave them a verdict), so the report keeps showing that the harness lost them even when the verdict is
 * green in the end.
 *
 * @param recovered IP → how it was lost, for the recovered ghosts, in numeric IP order
 */
record GhostHistory(List<String> ever, Map<String, String> recovered) {

    static GhostHistory of(RunResult result) {
        Map<String, String> lost = new LinkedHashMap<>();
        for (RunResult.MonitorPass pass : result.monitorPasses()) {
            for (String ip : pass.ghosts()) {
                lost.putIfAbsent(
                        ip,
                        "a ghost after round " + pass.afterRound() + " (last lifecycle event: "
                                + pass.lastEventByIp().getOrDefault(ip, "none") + ")");
            }
        }
        Set<String> now = Set.copyOf(result.assessment().ghosts());
        Map<String, String> recovered = new LinkedHashMap<>();
        lost.keySet().stream()
                .filter(ip -> !now.contains(ip))
                .sorted(IpOrder.NUMERIC)
                .forEach(ip -> recovered.put(ip, lost.get(ip)));
        return new GhostHistory(lost.keySet().stream().sorted(IpOrder.NUMERIC).toList(), recovered);
    }

    static GhostHistory none() {
        return new GhostHistory(List.of(), Map.of());
    }

    /** What a recovered node's result says of it; Allure's "Recovered ghosts" category matches on it. */
    String note(String ip) {
        return "recovered ghost: " + ip + " was " + recovered.get(ip) + "; a resurrection gave it this verdict";
    }

    /** The ghost verdict's message: now, and during the run. */
    String verdictMessage(List<String> ghostsNow) {
        String now =
                ghostsNow.isEmpty() ? "0 ghosts now" : ghostsNow.size() + " ghost(s): " + String.join(", ", ghostsNow);
        if (ever.isEmpty()) {
            return now + ", none during the run";
        }
        return now + ", " + ever.size() + " during the run"
                + (recovered.isEmpty() ? "" : " (recovered: " + String.join(", ", recovered.keySet()) + ")");
    }
}
