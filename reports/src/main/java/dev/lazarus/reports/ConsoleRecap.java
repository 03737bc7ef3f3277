package dev.lazarus.reports;

import dev.lazarus.extension.RunContext;
import dev.lazarus.extension.RunObserver;
import dev.lazarus.extension.RunResult;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.FleetAssessment;
import dev.lazarus.registry.RegistryEntry;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The recap printed at the end of a run: what happened to the fleet and where the artifacts are. */
public final class ConsoleRecap implements RunObserver {

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
    public void runFinished(RunContext run, RunResult result) {
        out.print(render(run, result));
        out.flush();
    }

    private static double wall0(RunResult result) {
        return result.wall().toMillis() / 1000.0;
    }

    /** Throughput, and when and why the breaker tripped or the run was cancelled (from the journal). */
    private static void runControl(StringBuilder b, List<JournalEvent> events, int gold, double wall) {
        if (wall > 0) {
            line(b, "throughput", String.format(Locale.ROOT, "%.0f nodes/min", gold * 60 / wall));
        }
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.BreakerTripped t) {
                line(
                        b,
                        "breaker",
                        "TRIPPED at " + t.ts() + " after " + t.failures() + " failures (" + t.setting()
                                + "): nodes not started then are skipped (circuit_open)");
            } else if (e instanceof JournalEvent.RunCancelled c) {
                line(
                        b,
                        "cancelled",
                        c.ts() + ": " + c.reason() + "; attempts in flight are interrupted, nodes not "
                                + "started are skipped (cancelled)");
            }
        }
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
        List<RegistryEntry> resurrected = result.registry().entries().stream()
                .filter(e -> e.previousThreadUuid() != null)
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
        runControl(b, result.events(), a.gold().size(), wall0(result));
        line(
                b,
                "untraceable",
                a.untraceable().isEmpty() ? "none" : a.untraceable().size() + " entr(y/ies)");
        line(b, "invariant", (a.invariantHolds() ? "holds: " : "BROKEN: ") + a.arithmetic());
        line(b, "watchdog", result.watchdog().map(w -> w.describe()).orElse("not configured (the run ended before)"));
        double wall = result.wall().toMillis() / 1000.0;
        double ideal = result.registry().criticalPathMillis() / 1000.0;
        line(
                b,
                "wall time",
                ideal > 0
                        ? String.format(
                                Locale.ROOT,
                                "%.1f s = %.1f x ideal (%.1f s: the slowest node's " + "own commands)",
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

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "  %-13s %s%n", label, value));
    }
}
