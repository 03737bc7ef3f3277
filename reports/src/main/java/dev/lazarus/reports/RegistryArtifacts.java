package dev.lazarus.reports;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lazarus.spi.ArtifactFiles;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.Status;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The registry artifacts, by their established names, in the run folder: the gold list, the registry, the IPs by
 * outcome, and the run summary. All of them are derived from the journal (through the run's result), never from
 * worker memory.
 */
public final class RegistryArtifacts implements Report {

    public static final String ID = "registry-artifacts";
    public static final String GOLD_LIST = "aggregate_chunk_gold_ip_list.log";
    public static final String REGISTRY = "final_aggregate_execution_run_registry.json";
    public static final String TOTAL = "total_registry_ips_artifact.log";
    public static final String SUCCESSFUL = "successful_registry_ips_artifact.log";
    public static final String FAILED = "failed_registry_ips_artifact.log";
    public static final String MISSING = "missing_registry_ips_artifact.log";
    public static final String GHOST_SUMMARY = "aggregate_ghost_summary.log";
    public static final String SUMMARY = "run_summary.json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String activity() {
        return "writing the registry artifacts";
    }

    @Override
    public void goldListReady(RunContext run, List<String> goldIps) throws Exception {
        Artifacts.writeIps(run.runDir().resolve(GOLD_LIST), goldIps);
    }

    @Override
    public void runFinished(RunContext run, RunResult result) throws Exception {
        Path dir = run.runDir();
        ObjectWriter json = ArtifactFiles.json().writerWithDefaultPrettyPrinter();
        FleetAssessment a = result.assessment();

        Artifacts.writeIps(dir.resolve(GOLD_LIST), a.gold());
        Map<String, RegistryEntry> registry = new LinkedHashMap<>();
        result.entries().forEach(e -> registry.put(e.attemptId(), e));
        Artifacts.write(dir.resolve(REGISTRY), json.writeValueAsBytes(registry));

        Set<String> total = a.finalEntryByIp().keySet();
        Set<String> successful = a.finalEntryByIp().values().stream()
                .filter(e -> e.status().isSuccess())
                .map(RegistryEntry::publicIp)
                .collect(Collectors.toSet());
        List<String> failed =
                total.stream().filter(ip -> !successful.contains(ip)).toList();
        Artifacts.writeIps(dir.resolve(TOTAL), total);
        Artifacts.writeIps(dir.resolve(SUCCESSFUL), successful);
        Artifacts.writeIps(dir.resolve(FAILED), failed);
        Artifacts.writeIps(dir.resolve(MISSING), a.ghosts());
        Artifacts.writeIps(dir.resolve(GHOST_SUMMARY), a.ghosts());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run_id", run.runId());
        summary.put("scenario", run.scenario());
        summary.put("control_plane", run.controlPlane());
        summary.put("shard", run.shard());
        summary.put("gold", a.gold().size());
        summary.put("with_final_entry", a.tracedInGold());
        summary.put("statuses", statusCounts(a));
        summary.put("ghosts", a.ghosts());
        summary.put(
                "untraceable",
                a.untraceable().stream().map(RegistryEntry::attemptId).toList());
        summary.put("invariant_holds", a.invariantHolds());
        summary.put("invariant", a.arithmetic());
        result.watchdog().ifPresent(w -> {
            summary.put("watchdog_timeout_seconds", w.timeout().toSeconds());
            summary.put("watchdog", w.describe());
        });
        summary.put("interrupted", result.interrupted());
        double wall = result.wall().toMillis() / 1000.0;
        double ideal = result.criticalPathMillis() / 1000.0;
        summary.put("wall_seconds", wall);
        // the slowest node's own commands: what the run would take with every node at once
        summary.put("ideal_seconds", ideal);
        summary.put("wall_over_ideal", ideal > 0 ? wall / ideal : null);
        summary.put("throughput_nodes_per_min", wall > 0 ? a.gold().size() * 60 / wall : null);
        summary.put("journal_truncated_tail", result.journalTruncated());
        Path summaryFile = dir.resolve(SUMMARY);
        Artifacts.write(summaryFile, json.writeValueAsBytes(summary));
        run.publications().file(summaryFile, "application/json");
    }

    /** Nodes per final status, every status listed (zeros included) in the enum's order. */
    static Map<String, Long> statusCounts(FleetAssessment a) {
        Map<Status, Long> counts = a.finalEntryByIp().values().stream()
                .collect(Collectors.groupingBy(RegistryEntry::status, TreeMap::new, Collectors.counting()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            ordered.put(s.tag(), counts.getOrDefault(s, 0L));
        }
        return ordered;
    }
}
