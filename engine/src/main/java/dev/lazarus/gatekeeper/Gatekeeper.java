package dev.lazarus.gatekeeper;

import dev.lazarus.api.LazarusParameters;
import dev.lazarus.config.ResurrectionPolicy;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which resurrection candidates and ghosts get another attempt. Transient trouble (a lost worker,
 * a crash of the harness, a stalled stream, SSH that never came up) is retried; an install that ran and
 * failed on its own terms is not, nor a node whose checks failed, and a missing package never is. Then the round's budget and the time
 * bound apply. Every decision carries the rule that made it.
 */
public final class Gatekeeper {

    /**
     * One node's decision for one round.
     *
     * @param overBudget denied only because the round was full: a later round may still take the node
     */
    public record Decision(
            String publicIp,
            String previousAttemptId,
            int previousAttempt,
            boolean resurrect,
            String reason,
            boolean overBudget) {}

    private final ResurrectionPolicy policy;

    public Gatekeeper(ResurrectionPolicy policy) {
        this.policy = policy;
    }

    /**
     * The decisions before {@code round}, in gold-list order: ghosts and candidates alike.
     *
     * @param elapsed time since the first pass ended
     */
    public List<Decision> decide(int round, FleetAssessment assessment, Registry registry, Duration elapsed) {
        Set<String> ghosts = new HashSet<>(assessment.ghosts());
        Set<String> candidates = new HashSet<>(assessment.candidates());
        int budget = policy.perRound(assessment.gold().size());
        boolean outOfTime = elapsed.compareTo(policy.timeout()) >= 0;
        List<Decision> decisions = new ArrayList<>();
        int admitted = 0;
        for (String ip : assessment.gold().stream().distinct().toList()) {
            if (!ghosts.contains(ip) && !candidates.contains(ip)) {
                continue;
            }
            Optional<RegistryEntry> latest = latestAttempt(registry, ip);
            String previous = latest.map(RegistryEntry::attemptId).orElse(null);
            int previousAttempt = latest.map(RegistryEntry::attempt).orElse(0);
            Rule rule = ghosts.contains(ip)
                    ? Rule.retry("ghost")
                    : rule(assessment.finalEntryByIp().get(ip));
            boolean overBudget = false;
            if (rule.retry && outOfTime) {
                rule = Rule.deny("time_bound: " + LazarusParameters.RESURRECTION_TIMEOUT + "="
                        + policy.timeout().toSeconds() + "s passed (" + elapsed.toSeconds()
                        + " s since the first pass)");
            } else if (rule.retry && admitted >= budget) {
                overBudget = true;
                rule = Rule.deny("budget: at most " + budget + " node(s) per round ("
                        + LazarusParameters.RESURRECTION_BUDGET + ": " + policy.describeBudget() + ")");
            }
            if (rule.retry) {
                admitted++;
            }
            decisions.add(new Decision(ip, previous, previousAttempt, rule.retry, rule.reason, overBudget));
        }
        return decisions;
    }

    /** The retry policy by status and tags: the one place it is written. */
    static Rule rule(RegistryEntry entry) {
        List<String> tags = entry.tags();
        if (tags.contains("fatal_package_missing")) {
            return Rule.deny("fatal_package_missing: a missing package does not come back");
        }
        if (tags.contains("host_key_unknown") || tags.contains("host_key_changed")) {
            return Rule.deny("host key: a refused host key is the same on every try; fix known_hosts first");
        }
        if (tags.stream().anyMatch(t -> t.startsWith("synthetic_crash"))) {
            return Rule.retry("synthetic_crash");
        }
        return switch (entry.status()) {
            case WATCHDOG_TIMEOUT, SSH_RETRY_FAILED, SSH_INITIATED_FAILED ->
                Rule.retry(entry.status().tag());
            case INSTALL_FAILED ->
                tags.contains("future_exception")
                        ? Rule.retry("future_exception")
                        : Rule.deny("install_failed: the install ran and failed on the node");
            case CHECK_FAILED -> Rule.deny("check_failed: the node is installed and a check says it is wrong");
            case SKIPPED -> Rule.deny("skipped: the node was never started (error budget or cancellation)");
            case STUB -> Rule.deny("stub: the command failed without saying why; a rerun would say the same");
            default -> Rule.deny(entry.status().tag() + " is not retried");
        };
    }

    private static Optional<RegistryEntry> latestAttempt(Registry registry, String ip) {
        return registry.entries().stream()
                .filter(e -> ip.equals(e.publicIp()))
                .max(Comparator.comparingInt(RegistryEntry::attempt));
    }

    record Rule(boolean retry, String reason) {
        static Rule retry(String reason) {
            return new Rule(true, reason);
        }

        static Rule deny(String reason) {
            return new Rule(false, reason);
        }
    }
}
