package dev.lazarus.reports;

import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.WatchdogTimeout;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The recap printed at the end of a run, and published on the scenario: what happened to the fleet and where the
 * artifacts are. {@code lazarus.console} chooses what is printed: the whole recap ({@code recap}), one line
 * ({@code summary}) or nothing ({@code off}); the whole recap is published whichever it is.
 */
public final class ConsoleRecap implements Report {

    public static final String ID = "recap";

    /** The key the recap is published under. */
    public static final String ENTRY = "lazarus.recap";

    /** Ghost IPs named in the recap; the full list is an artifact. */
    static final int SHOWN = 20;

    private final PrintStream out;

    public ConsoleRecap() {
        this(System.out);
    }

    ConsoleRecap(PrintStream out) {
        this.out = out;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String activity() {
        return "printing the recap";
    }

    @Override
    public void runFinished(RunContext run, RunResult result) {
        String recap = render(run, result);
        switch (ConsoleOutput.of(run.parameters())) {
            case RECAP -> out.print(recap);
            case SUMMARY -> out.println(summary(run, result));
            case OFF -> {}
        }
        out.flush();
        run.publications().entry(ENTRY, recap.strip());
    }

    /**
     * The run in one line ({@code lazarus.console=summary}): {@code [lazarus] TomcatInstall · run <id> ·
     * install_success 510 · install_failed 2 · 0 ghost(s) · invariant holds · artifacts <folder>}.
     */
    static String summary(RunContext run, RunResult result) {
        FleetAssessment a = result.assessment();
        String statuses = RegistryArtifacts.statusCounts(a).entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(" · "));
        return "[lazarus] " + run.scenario() + " · run " + run.runId() + " · "
                + (statuses.isEmpty() ? "no verdict" : statuses) + " · "
                + a.ghosts().size() + " ghost(s) · invariant "
                + (a.invariantHolds() ? "holds" : "BROKEN") + " · artifacts " + run.runDir();
    }

    /** Throughput, and when and why the breaker tripped or the run was cancelled. */
    private static void runControl(StringBuilder b, RunResult result) {
        double wall = result.wall().toMillis() / 1000.0;
        if (wall > 0) {
            line(
                    b,
                    "throughput",
                    String.format(
                            Locale.ROOT,
                            "%.0f nodes/min",
                            result.assessment().gold().size() * 60 / wall));
        }
        result.breaker()
                .ifPresent(t -> line(
                        b,
                        "breaker",
                        "TRIPPED at " + t.at() + " after " + t.failures() + " failures (" + t.setting()
                                + "): nodes not started then are skipped (circuit_open)"));
        result.cancelled()
                .ifPresent(c -> line(
                        b,
                        "cancelled",
                        c.at() + ": " + c.reason() + "; attempts in flight are interrupted, nodes not "
                                + "started are skipped (cancelled)"));
    }

    static String render(RunContext run, RunResult result) {
        FleetAssessment a = result.assessment();
        Map<String, Long> counts = RegistryArtifacts.statusCounts(a);
        String statuses = counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(" · "));
        StringBuilder b = new StringBuilder();
        b.append("\n[lazarus] ── recap: ")
                .append(run.scenario())
                .append(" · run ")
                .append(run.runId())
                .append(" ──\n");
        line(b, "control plane", run.controlPlane() + " · shard " + run.shard());
        line(
                b,
                "nodes",
                a.gold().size() + " in the gold list · " + a.tracedInGold() + " with a verdict · "
                        + a.ghosts().size() + " ghost(s)");
        line(b, "statuses", statuses.isEmpty() ? "none" : statuses);
        checks(a).ifPresent(c -> line(b, "checks", c));
        line(
                b,
                "ghosts",
                a.ghosts().isEmpty()
                        ? "none"
                        : String.join(", ", a.ghosts().stream().limit(SHOWN).toList())
                                + (a.ghosts().size() > SHOWN
                                        ? ", … and " + (a.ghosts().size() - SHOWN) + " more (see "
                                                + RegistryArtifacts.GHOST_SUMMARY + ")"
                                        : ""));
        List<RegistryEntry> resurrected = result.entries().stream()
                .filter(e -> e.previousAttemptId() != null)
                .toList();
        if (!resurrected.isEmpty()) {
            long recovered = resurrected.stream()
                    .filter(e -> e.isFinal() && !e.isSuperseded() && e.status().isSuccess())
                    .count();
            line(
                    b,
                    "resurrection",
                    resurrected.size() + " attempt(s) after the first pass · " + recovered
                            + " node(s) recovered to install_success (earlier attempts kept, marked superseded)");
        }
        runControl(b, result);
        line(
                b,
                "untraceable",
                a.untraceable().isEmpty() ? "none" : a.untraceable().size() + " entr(y/ies)");
        line(b, "invariant", (a.invariantHolds() ? "holds: " : "BROKEN: ") + a.arithmetic());
        line(
                b,
                "watchdog",
                result.watchdog().map(WatchdogTimeout::describe).orElse("not configured (the run ended before)"));
        double wall = result.wall().toMillis() / 1000.0;
        double ideal = result.criticalPathMillis() / 1000.0;
        line(
                b,
                "wall time",
                ideal > 0
                        ? String.format(
                                Locale.ROOT,
                                "%.1f s = %.1f x ideal (%.1f s: the slowest node's own commands)",
                                wall,
                                wall / ideal,
                                ideal)
                        : String.format(Locale.ROOT, "%.1f s", wall));
        if (result.interrupted()) {
            line(b, "interrupted", "the run was killed before it finished; in-flight nodes are tagged interrupted");
        }
        if (result.journalTruncated()) {
            line(b, "journal", "its last line was truncated and was left out");
        }
        line(b, "artifacts", run.runDir().toString());
        return b.toString();
    }

    /**
     * The node checks of each node's verdict, by check and outcome: {@code 1024 on 512 node(s) · tomcatServes 512
     * passed · packageAndConfig 511 passed, 1 failed}; empty when no check ran.
     */
    static Optional<String> checks(FleetAssessment a) {
        Map<String, Map<String, Long>> byCheck = new LinkedHashMap<>();
        long total = 0;
        long nodes = 0;
        for (RegistryEntry e : a.finalEntryByIp().values()) {
            List<CheckRecord> checks =
                    e.checks().stream().filter(CheckRecord::isCheck).toList();
            nodes += checks.isEmpty() ? 0 : 1;
            for (CheckRecord c : checks) {
                total++;
                byCheck.computeIfAbsent(c.name(), n -> new TreeMap<>())
                        .merge(c.outcome() == null ? "unfinished" : c.outcome(), 1L, Long::sum);
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        StringBuilder b =
                new StringBuilder().append(total).append(" on ").append(nodes).append(" node(s)");
        byCheck.forEach((name, outcomes) -> b.append(" · ")
                .append(name)
                .append(' ')
                .append(outcomes.entrySet().stream()
                        .map(o -> o.getValue() + " " + o.getKey())
                        .collect(Collectors.joining(", "))));
        return Optional.of(b.toString());
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "  %-13s %s%n", label, value));
    }
}
