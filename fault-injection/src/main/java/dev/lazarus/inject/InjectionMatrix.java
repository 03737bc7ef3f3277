package dev.lazarus.inject;

import dev.lazarus.spi.ArtifactFiles;
import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The detection matrix of a run with injections (first attempts): for every fault, how many nodes got it, how many
 * the run detected with the expected status and tags, how many it missed, and how many clean nodes it flagged anyway
 * (false alarms). Written as {@code injection_matrix.json} and {@code .log}, and printed.
 */
public final class InjectionMatrix {

    public static final String JSON = "injection_matrix.json";
    public static final String LOG = "injection_matrix.log";

    /** One node's injection and what the run said of it. */
    public record Check(
            String fault,
            String ip,
            String expectedStatus,
            List<String> expectedTags,
            String actualStatus,
            List<String> actualTags,
            boolean detected) {}

    /** One line of the table. */
    public record Row(String fault, int injected, int detected, int missed, int falseAlarms) {}

    /**
     * The whole matrix. {@code expectedMisbehaviourIps}: nodes not injected that misbehaved as the run declared they
     * would ({@value #BEHAVIOURS} on the embedded fleet): not false alarms.
     */
    public record Matrix(
            List<Row> rows,
            List<Check> checks,
            List<String> falseAlarmIps,
            List<String> expectedMisbehaviourIps,
            int missed,
            int falseAlarms) {}

    /** The embedded fleet's declared misbehaving nodes ({@code <node>=<behaviour>;…}, node a 1-based number or an IP). */
    static final String BEHAVIOURS = "lazarus.embedded.behaviours";

    private InjectionMatrix() {}

    /** Writes and prints the matrix of a run that had injections; a run without any gets none. */
    static void write(RunContext run, RunResult result) throws Exception {
        if (result.injections().isEmpty()) {
            return;
        }
        Matrix matrix = compare(
                result,
                declaredMisbehaviour(run.parameters(), result.assessment().gold()));
        ArtifactFiles.write(
                run.runDir().resolve(JSON),
                ArtifactFiles.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(matrix));
        String table = render(matrix);
        ArtifactFiles.write(run.runDir().resolve(LOG), table.getBytes(StandardCharsets.UTF_8));
        if (ConsoleOutput.of(run.parameters()) == ConsoleOutput.RECAP) {
            System.out.print(table); // beside the recap; the summary line and silence leave it to the artifact
        }
    }

    /**
     * Compares injected with detected on the first attempts, where injections act: a node a resurrection round later
     * recovered was still detected, and a clean node that failed its first attempt is still a false alarm. Faults on
     * the control plane are checked against what it journaled: throttling is detected when throttled calls were
     * counted; each instance without an IP when one was reported unreachable.
     */
    public static Matrix compare(RunResult result, Set<String> declaredMisbehaviour) {
        long throttled = result.controlPlane().throttledCalls();
        List<String> unreachable = result.controlPlane().unreachable().stream()
                .map(RunResult.UnreachableInstance::instanceId)
                .toList();
        int unreachableLeft = unreachable.size();
        Map<String, RegistryEntry> firstByIp = new HashMap<>();
        result.finalEntries().stream().filter(e -> e.attempt() == 1).forEach(e -> firstByIp.put(e.publicIp(), e));
        List<String> gold = result.assessment().gold();
        Set<String> ghosts = new HashSet<>(gold);
        ghosts.removeAll(firstByIp.keySet());
        // rows in the order of the Fault enum, whatever order the injections were journaled in
        Map<String, int[]> counts = new TreeMap<>(Comparator.comparingInt(
                        (String f) -> Fault.byName(f).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        List<Check> checks = new ArrayList<>();
        Set<String> injected = new HashSet<>();
        for (RunResult.Injection p : result.injections()) {
            if (p.publicIp() == null) {
                boolean isThrottle = p.fault().equals(Fault.THROTTLE.name());
                boolean detected = isThrottle ? throttled > 0 : unreachableLeft-- > 0;
                String actual =
                        isThrottle ? throttled + " throttled call(s)" : unreachable.size() + " unreachable instance(s)";
                checks.add(
                        new Check(p.fault(), null, p.expectedStatus(), p.expectedTags(), actual, List.of(), detected));
                count(counts, p.fault(), detected);
                continue;
            }
            injected.add(p.publicIp());
            RegistryEntry entry = firstByIp.get(p.publicIp());
            if (entry != null && entry.status() == Status.SKIPPED) {
                continue; // never started (error budget, cancellation): the fault never had its chance to act
            }
            String actual = ghosts.contains(p.publicIp())
                    ? "ghost"
                    : entry == null ? "none" : entry.status().tag();
            List<String> tags = entry == null ? List.of() : entry.tags();
            boolean detected =
                    actual.equals(p.expectedStatus()) && (actual.equals("ghost") || tags.containsAll(p.expectedTags()));
            checks.add(
                    new Check(p.fault(), p.publicIp(), p.expectedStatus(), p.expectedTags(), actual, tags, detected));
            count(counts, p.fault(), detected);
        }
        List<String> falseAlarmIps = new ArrayList<>();
        List<String> expectedIps = new ArrayList<>();
        for (String ip : gold) {
            if (injected.contains(ip)) {
                continue;
            }
            RegistryEntry entry = firstByIp.get(ip);
            boolean skipped = entry != null && entry.status() == Status.SKIPPED;
            if (!skipped
                    && (ghosts.contains(ip) || entry == null || !entry.status().isSuccess())) {
                (declaredMisbehaviour.contains(ip) ? expectedIps : falseAlarmIps).add(ip);
            }
        }
        long noIpPlanned = result.injections().stream()
                .filter(p -> p.fault().equals(Fault.NO_IP.name()))
                .count();
        for (int i = (int) noIpPlanned; i < unreachable.size(); i++) {
            falseAlarmIps.add("instance " + unreachable.get(i));
        }
        List<Row> rows = new ArrayList<>();
        int missed = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int m = e.getValue()[0] - e.getValue()[1];
            missed += m;
            rows.add(new Row(e.getKey(), e.getValue()[0], e.getValue()[1], m, 0));
        }
        if (!declaredMisbehaviour.isEmpty()) {
            rows.add(new Row("(declared behaviours)", 0, expectedIps.size(), 0, 0));
        }
        rows.add(new Row("(clean nodes)", 0, 0, 0, falseAlarmIps.size()));
        return new Matrix(rows, checks, falseAlarmIps, expectedIps, missed, falseAlarmIps.size());
    }

    /**
     * The IPs of the nodes the run declared would misbehave, from {@value #BEHAVIOURS}: a node is named by its IP or
     * by its 1-based number, its place in the gold list (the embedded fleet numbers its nodes so). A malformed item
     * is the control plane's to reject at discovery; here it is simply not a declaration.
     */
    static Set<String> declaredMisbehaviour(Parameters parameters, List<String> gold) {
        Set<String> ips = new HashSet<>();
        for (String item : parameters.get(BEHAVIOURS).orElse("").split(";")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String node = item.substring(0, eq).strip();
            if (node.matches("\\d+")) {
                int n = Integer.parseInt(node);
                if (n >= 1 && n <= gold.size()) {
                    ips.add(gold.get(n - 1));
                }
            } else if (!node.isEmpty()) {
                ips.add(node);
            }
        }
        return ips;
    }

    private static void count(Map<String, int[]> counts, String fault, boolean detected) {
        int[] c = counts.computeIfAbsent(fault, f -> new int[2]);
        c[0]++;
        if (detected) {
            c[1]++;
        }
    }

    static String render(Matrix m) {
        StringBuilder b = new StringBuilder("\n[lazarus] ── injection matrix: injected vs detected ──\n");
        b.append(String.format(
                Locale.ROOT, "  %-30s %9s %9s %7s %13s%n", "fault", "injected", "detected", "missed", "false alarms"));
        for (Row r : m.rows()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %-30s %9d %9d %7d %13d%n",
                    r.fault(),
                    r.injected(),
                    r.detected(),
                    r.missed(),
                    r.falseAlarms()));
        }
        b.append(
                String.format(Locale.ROOT, "  %-30s %9s %9s %7d %13d%n", "total", "", "", m.missed(), m.falseAlarms()));
        m.checks().stream()
                .filter(c -> !c.detected())
                .forEach(c -> b.append("  MISSED ")
                        .append(c.fault())
                        .append(" on ")
                        .append(c.ip())
                        .append(": expected ")
                        .append(c.expectedStatus())
                        .append(' ')
                        .append(c.expectedTags())
                        .append(", got ")
                        .append(c.actualStatus())
                        .append(' ')
                        .append(c.actualTags())
                        .append('\n'));
        m.expectedMisbehaviourIps()
                .forEach(ip -> b.append("  expected misbehaviour on ")
                        .append(ip)
                        .append(" (declared by " + BEHAVIOURS + ")\n"));
        m.falseAlarmIps()
                .forEach(ip ->
                        b.append("  FALSE ALARM on clean node ").append(ip).append('\n'));
        return b.toString();
    }
}
