package dev.lazarus.allure.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.qameta.allure.entity.TestResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run's fleet as the widget and the tab show it, from the run's artifacts in its fleet file ({@code summary}: the
 * run's {@code run_summary.json}; {@code gold}: its gold list; {@code ghost_detail}: its
 * {@code aggregate_ghost_detail.json}; {@code attempts}: its registry, one row per attempt), joined with the report's
 * results for the link to each node's result.
 */
final class Fleet {

    /** A node's status when no attempt of it reached a verdict. */
    static final String GHOST = "ghost";

    /** The widget: the run's numbers, as its {@code run_summary.json} gives them. */
    record Summary(
            String runId,
            String scenario,
            String shard,
            String controlPlane,
            int gold,
            int withVerdict,
            int untraceable,
            List<String> ghostsNow,
            List<String> ghostsEver,
            List<Resurrected> resurrected,
            boolean invariantHolds,
            String invariant,
            Map<String, Long> statuses,
            Double wallSeconds,
            Double idealSeconds,
            Double throughput,
            Double wallOverIdeal) {}

    /** A ghost that got another attempt, and the status its node ended with. */
    record Resurrected(String ip, String finalStatus) {}

    /** One row of the tab: a node of the gold list and its verdict. */
    record Node(
            String ip,
            String status,
            List<String> tags,
            int attempts,
            boolean ghost,
            boolean wasGhost,
            boolean resurrected,
            String lastEvent,
            String uid,
            String result) {}

    /** One row of the ghost table: a node that was a ghost after some round, with its forensics. */
    record Ghost(
            String ip,
            String shard,
            int detectedAfterRound,
            String lastEvent,
            List<String> tags,
            boolean resurrected,
            String finalStatus,
            String reason,
            JsonNode awsOutageContext,
            String uid) {}

    /** The tab's data for one run. */
    record Tab(Summary summary, Map<String, Long> nodesByStatus, List<Node> nodes, List<Ghost> ghosts) {}

    private Fleet() {}

    static Tab of(JsonNode file, Collection<TestResult> results) {
        JsonNode s = file.path("summary");
        String scenario = s.path("scenario").asText(null);
        Map<String, TestResult> resultByIp = resultsByIp(results, scenario);

        Map<String, JsonNode> ghostByIp = new LinkedHashMap<>();
        file.path("ghost_detail")
                .forEach(g -> ghostByIp.putIfAbsent(g.path("ip").asText(), g));

        Map<String, JsonNode> finalByIp = new HashMap<>();
        Map<String, Integer> attemptsByIp = new HashMap<>();
        for (JsonNode a : file.path("attempts")) {
            String ip = a.path("public_ip").asText();
            attemptsByIp.merge(ip, 1, Integer::sum);
            if (a.path("final").asBoolean()) {
                finalByIp.put(ip, a);
            }
        }
        Set<String> ghostsNow = new TreeSet<>(IpOrder.NUMERIC);
        s.path("ghosts").forEach(g -> ghostsNow.add(g.asText()));

        Set<String> gold = new TreeSet<>(IpOrder.NUMERIC);
        file.path("gold").forEach(ip -> gold.add(ip.asText()));
        if (gold.isEmpty()) { // a fleet file without its gold list: every node the run accounts for
            gold.addAll(finalByIp.keySet());
            gold.addAll(ghostsNow);
        }

        List<Node> nodes = new ArrayList<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String ip : gold) {
            JsonNode verdict = finalByIp.get(ip);
            JsonNode ghost = ghostByIp.get(ip);
            String status = verdict == null ? GHOST : verdict.path("status").asText(GHOST);
            TestResult result = resultByIp.get(ip);
            nodes.add(new Node(
                    ip,
                    status,
                    texts(verdict == null ? null : verdict.path("tags")),
                    attemptsByIp.getOrDefault(ip, 0),
                    verdict == null,
                    ghost != null,
                    ghost != null && ghost.path("resurrected").asBoolean(),
                    ghost == null ? null : ghost.path("last_event").asText(null),
                    result == null ? null : result.getUid(),
                    result == null ? null : result.getName().strip()));
            byStatus.merge(status, 1L, Long::sum);
        }

        List<Ghost> ghosts = new ArrayList<>();
        List<Resurrected> resurrected = new ArrayList<>();
        for (JsonNode g : ghostByIp.values()) {
            String ip = g.path("ip").asText();
            TestResult result = resultByIp.get(ip);
            boolean again = g.path("resurrected").asBoolean();
            String finalStatus = g.path("final_status").asText(null);
            ghosts.add(new Ghost(
                    ip,
                    g.path("shard").asText(null),
                    g.path("detected_after_round").asInt(),
                    g.path("last_event").asText(null),
                    texts(g.path("tags")),
                    again,
                    finalStatus,
                    g.path("reason").isNull() ? null : g.path("reason").asText(null),
                    g.path("aws_outage_context").isObject() ? g.path("aws_outage_context") : null,
                    result == null ? null : result.getUid()));
            if (again) {
                resurrected.add(new Resurrected(ip, finalStatus));
            }
        }
        ghosts.sort(Comparator.comparing(Ghost::ip, IpOrder.NUMERIC));
        resurrected.sort(Comparator.comparing(Resurrected::ip, IpOrder.NUMERIC));

        Map<String, Long> statuses = new LinkedHashMap<>();
        s.path("statuses")
                .fields()
                .forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
        double wall = s.path("wall_seconds").asDouble();
        int goldCount = s.path("gold").asInt(gold.size());
        Double throughput = number(s, "throughput_nodes_per_min");
        if (throughput == null && wall > 0) {
            throughput = goldCount * 60 / wall;
        }
        Summary summary = new Summary(
                s.path("run_id").asText(null),
                scenario,
                s.path("shard").asText(null),
                s.path("control_plane").asText(null),
                goldCount,
                s.path("with_final_entry").asInt(),
                s.path("untraceable").size(),
                List.copyOf(ghostsNow),
                ghosts.stream().map(Ghost::ip).toList(),
                resurrected,
                s.path("invariant_holds").asBoolean(),
                s.path("invariant").asText(""),
                statuses,
                number(s, "wall_seconds"),
                number(s, "ideal_seconds"),
                throughput,
                number(s, "wall_over_ideal"));
        return new Tab(summary, byStatus, nodes, ghosts);
    }

    /**
     * Each node's result in the report, by IP: the run's results (its scenario's) labelled with the node's host, the
     * one Allure shows (not a hidden retry) first, then the latest.
     */
    static Map<String, TestResult> resultsByIp(Collection<TestResult> results, String scenario) {
        Comparator<TestResult> preferred = Comparator.comparing((TestResult r) -> !r.isHidden())
                .thenComparing(r -> r.getTime() == null || r.getTime().getStart() == null
                        ? Long.MIN_VALUE
                        : r.getTime().getStart());
        Map<String, TestResult> byIp = new HashMap<>();
        for (TestResult r : results) {
            // Lazarus prefixes the host with whitespace that makes Allure's text order numeric
            String host = r.findOneLabel("host").map(String::strip).orElse(null);
            if (host == null
                    || (scenario != null
                            && !scenario.equals(r.findOneLabel("parentSuite").orElse(scenario)))) {
                continue;
            }
            byIp.merge(host, r, (a, b) -> preferred.compare(a, b) >= 0 ? a : b);
        }
        return byIp;
    }

    private static Double number(JsonNode s, String field) {
        JsonNode n = s.path(field);
        return n.isNumber() ? n.asDouble() : null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(t -> out.add(t.asText()));
        }
        return out;
    }
}
