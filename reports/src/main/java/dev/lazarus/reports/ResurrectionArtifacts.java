package dev.lazarus.reports;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lazarus.extension.RunContext;
import dev.lazarus.extension.RunObserver;
import dev.lazarus.extension.RunResult;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.ControlPlaneEvent;
import dev.lazarus.journal.JournalEvent.GatekeeperDecision;
import dev.lazarus.journal.JournalEvent.MonitorPass;
import dev.lazarus.registry.Registry;
import dev.lazarus.registry.RegistryEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resurrection monitor's artifacts, by the seed's names, one set per monitor pass (the timestamp is the
 * pass's, in epoch milliseconds): {@code resurrection_candidates_registry_<ts>.json},
 * {@code resurrection_ghost_missing_<ts>.json}, {@code resurrection_untraceable_registry_entries_<ts>.json};
 * and the ghost forensics {@code aggregate_ghost_detail.json}, one record per node that was ever a ghost.
 * Everything is read back from the journal, so the report command rebuilds the same files.
 */
public final class ResurrectionArtifacts implements RunObserver {

    public static final String CANDIDATES = "resurrection_candidates_registry_";
    public static final String GHOSTS = "resurrection_ghost_missing_";
    public static final String UNTRACEABLE = "resurrection_untraceable_registry_entries_";
    public static final String GHOST_DETAIL = "aggregate_ghost_detail.json";

    /** One ghost's forensics. */
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
    public void runFinished(RunContext run, RunResult result) throws Exception {
        List<JournalEvent> events = result.events();
        ObjectWriter json = JournalCodec.mapper().writerWithDefaultPrettyPrinter();
        Map<String, GhostDetail> ghosts = new LinkedHashMap<>();
        Set<String> resurrected = new HashSet<>();
        events.stream()
                .filter(GatekeeperDecision.class::isInstance)
                .map(GatekeeperDecision.class::cast)
                .filter(GatekeeperDecision::resurrect)
                .forEach(d -> resurrected.add(d.publicIp()));
        Map<String, RegistryEntry> finals = result.registry().finalEntryByIp();
        Map<String, JournalEvent.ShardMissing> lostShard = new java.util.HashMap<>();
        Map<String, String> shardOf = new java.util.HashMap<>();
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.ShardMissing m) {
                m.ips().forEach(ip -> lostShard.put(ip, m));
            } else if (e instanceof JournalEvent.GoldList g) {
                g.nodes().forEach(n -> shardOf.put(n.publicIp(), g.shard()));
            }
        }
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof MonitorPass pass)) {
                continue;
            }
            List<JournalEvent> before = events.subList(0, i);
            Registry then = Registry.replay(before);
            String ts = String.valueOf(Instant.parse(pass.ts()).toEpochMilli());
            Path dir = run.runDir();
            Map<String, RegistryEntry> thenFinal = then.finalEntryByIp();
            List<RegistryEntry> candidates =
                    pass.candidates().stream().map(thenFinal::get).toList();
            Set<String> untraceableIds = new HashSet<>(pass.untraceable());
            List<RegistryEntry> untraceable = then.finalEntries().stream()
                    .filter(e -> untraceableIds.contains(e.threadUuid()))
                    .toList();
            Artifacts.write(dir.resolve(CANDIDATES + ts + ".json"), json.writeValueAsBytes(candidates));
            Artifacts.write(dir.resolve(GHOSTS + ts + ".json"), json.writeValueAsBytes(pass.ghosts()));
            Artifacts.write(dir.resolve(UNTRACEABLE + ts + ".json"), json.writeValueAsBytes(untraceable));
            Map<String, Object> outage = outageContext(before);
            for (String ip : pass.ghosts()) {
                if (ghosts.containsKey(ip)) {
                    continue;
                }
                String lastEvent = then.lastEventOf(ip).orElse(null);
                List<String> tags =
                        new ArrayList<>(List.of("ghost", lastEvent == null ? "no_ssh_attempt" : "ssh_attempted"));
                if (outage != null) {
                    tags.add("aws_outage_context");
                }
                JournalEvent.ShardMissing lost = lostShard.get(ip);
                if (lost != null) {
                    tags.add("shard_missing");
                }
                RegistryEntry last = finals.get(ip);
                ghosts.put(
                        ip,
                        new GhostDetail(
                                ip,
                                shardOf.getOrDefault(ip, run.shard()),
                                pass.afterRound(),
                                lastEvent,
                                tags,
                                outage,
                                resurrected.contains(ip),
                                last == null ? "ghost" : last.status().tag(),
                                lost == null ? null : lost.reason()));
            }
        }
        Artifacts.write(run.runDir().resolve(GHOST_DETAIL), json.writeValueAsBytes(ghosts.values()));
    }

    /**
     * The control plane's throttling up to the pass, when there was any: the window in which the ghost was
     * lost overlapped an API outage, so the ghost may be the cloud's doing rather than the node's.
     */
    static Map<String, Object> outageContext(List<JournalEvent> before) {
        long throttled = 0;
        long maxRetry = 0;
        for (JournalEvent e : before) {
            if (e instanceof ControlPlaneEvent c && c.details() != null) {
                throttled += c.throttled();
                maxRetry = Math.max(maxRetry, number(c.details().get("max_retry_observed")));
            }
        }
        if (throttled == 0) {
            return null;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("throttled_calls", throttled);
        context.put("max_retry_observed", maxRetry);
        return context;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
