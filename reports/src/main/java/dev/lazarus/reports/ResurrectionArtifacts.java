package dev.lazarus.reports;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lazarus.spi.ArtifactFiles;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.RunResult.MonitorPass;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resurrection monitor's artifacts, one set per monitor pass (the timestamp is the pass's, in epoch
 * milliseconds): {@code resurrection_candidates_registry_<ts>.json}, {@code resurrection_ghost_missing_<ts>.json},
 * {@code resurrection_untraceable_registry_entries_<ts>.json}; and the ghost forensics
 * {@code aggregate_ghost_detail.json}, one record per node that was ever a ghost. Everything comes from the run's
 * result, so the report command rebuilds the same files.
 */
public final class ResurrectionArtifacts implements Report {

    public static final String ID = "resurrection-artifacts";
    public static final String CANDIDATES = "resurrection_candidates_registry_";
    public static final String GHOSTS = "resurrection_ghost_missing_";
    public static final String UNTRACEABLE = "resurrection_untraceable_registry_entries_";
    public static final String GHOST_DETAIL = "aggregate_ghost_detail.json";

    /** One ghost's forensics; {@code lastEvent} is {@code none} for a node that never started an attempt. */
    public record GhostDetail(
            String ip,
            String shard,
            int detectedAfterRound,
            String lastEvent,
            List<String> tags,
            Map<String, Object> awsOutageContext,
            boolean resurrected,
            String finalStatus,
            String reason) {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String activity() {
        return "writing the resurrection artifacts";
    }

    @Override
    public void runFinished(RunContext run, RunResult result) throws Exception {
        ObjectWriter json = ArtifactFiles.json().writerWithDefaultPrettyPrinter();
        Set<String> resurrected = result.decisions().stream()
                .filter(RunResult.Decision::resurrect)
                .map(RunResult.Decision::publicIp)
                .collect(Collectors.toSet());
        Map<String, RegistryEntry> finals = result.assessment().finalEntryByIp();
        Map<String, RunResult.ShardLoss> lostShard = new HashMap<>();
        result.lostShards().forEach(loss -> loss.ips().forEach(ip -> lostShard.put(ip, loss)));
        Map<String, GhostDetail> ghosts = new LinkedHashMap<>();
        Path dir = run.runDir();
        for (MonitorPass pass : result.monitorPasses()) {
            String ts = String.valueOf(Instant.parse(pass.at()).toEpochMilli());
            Artifacts.write(dir.resolve(CANDIDATES + ts + ".json"), json.writeValueAsBytes(pass.candidates()));
            Artifacts.write(dir.resolve(GHOSTS + ts + ".json"), json.writeValueAsBytes(pass.ghosts()));
            Artifacts.write(dir.resolve(UNTRACEABLE + ts + ".json"), json.writeValueAsBytes(pass.untraceable()));
            Map<String, Object> outage = outageContext(pass);
            for (String ip : pass.ghosts()) {
                if (ghosts.containsKey(ip)) {
                    continue;
                }
                String lastEvent = pass.lastEventByIp().get(ip);
                List<String> tags =
                        new ArrayList<>(List.of("ghost", lastEvent == null ? "no_ssh_attempt" : "ssh_attempted"));
                if (outage != null) {
                    tags.add("aws_outage_context");
                }
                RunResult.ShardLoss lost = lostShard.get(ip);
                if (lost != null) {
                    tags.add("shard_missing");
                }
                RegistryEntry last = finals.get(ip);
                ghosts.put(
                        ip,
                        new GhostDetail(
                                ip,
                                result.shardByIp().getOrDefault(ip, run.shard()),
                                pass.afterRound(),
                                lastEvent == null ? "none" : lastEvent,
                                tags,
                                outage,
                                resurrected.contains(ip),
                                last == null ? "ghost" : last.status().tag(),
                                lost == null ? null : lost.reason()));
            }
        }
        Artifacts.write(dir.resolve(GHOST_DETAIL), json.writeValueAsBytes(ghosts.values()));
    }

    /**
     * The control plane's throttling up to the pass, when there was any: the window in which the ghost was lost
     * overlapped an API outage, so the ghost may be the cloud's doing rather than the node's.
     */
    static Map<String, Object> outageContext(MonitorPass pass) {
        if (pass.throttledCallsBefore() == 0) {
            return null;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("throttled_calls", pass.throttledCallsBefore());
        context.put("max_retry_observed", pass.maxRetryBefore());
        return context;
    }
}
