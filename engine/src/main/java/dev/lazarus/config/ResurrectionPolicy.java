package dev.lazarus.config;

import static dev.lazarus.api.LazarusParameters.RESURRECTION_BUDGET;
import static dev.lazarus.api.LazarusParameters.RESURRECTION_ROUNDS;
import static dev.lazarus.api.LazarusParameters.RESURRECTION_TIMEOUT;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.time.Duration;
import java.util.Optional;

/**
 * The limits the gatekeeper works within.
 *
 * @param rounds resurrection rounds after the first pass; 0 gives exactly the first-pass behaviour
 * @param budget nodes one round may resurrect, a count or a share of the gold list; empty for the default, the larger
 *     of {@value #DEFAULT_PERCENT} % and {@value #DEFAULT_MIN_NODES} nodes (a small fleet's retryable nodes all get
 *     their round)
 * @param timeout no round starts once this much time has passed since the first pass ended
 */
public record ResurrectionPolicy(int rounds, Optional<Amount> budget, Duration timeout) {

    public static final int DEFAULT_ROUNDS = 1;
    public static final int DEFAULT_PERCENT = 25;
    public static final int DEFAULT_MIN_NODES = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public static ResurrectionPolicy resolve(Parameters p) {
        return new ResurrectionPolicy(
                p.getInt(RESURRECTION_ROUNDS, DEFAULT_ROUNDS, 0, 10),
                p.get(RESURRECTION_BUDGET).map(ResurrectionPolicy::parseBudget),
                p.getDuration(RESURRECTION_TIMEOUT, DEFAULT_TIMEOUT, Duration.ofDays(1)));
    }

    /** A count ({@code 8}), a percentage ({@code 25%}), or a share ({@code 0.25}, as earlier versions took it). */
    static Amount parseBudget(String raw) {
        String s = raw.strip();
        if (s.contains(".") && !s.endsWith("%")) {
            try {
                double share = Double.parseDouble(s);
                if (share >= 0 && share <= 1) {
                    return new Amount(-1, share * 100);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new LazarusConfigurationException(RESURRECTION_BUDGET + "='" + raw + "' is not a share of the "
                    + "fleet; allowed: a count (8), a percentage (25%) or a share 0..1 (0.25)");
        }
        return Amount.parse(RESURRECTION_BUDGET, raw, 0);
    }

    /** Most nodes one round may resurrect in a gold list of {@code goldSize}. */
    public int perRound(int goldSize) {
        return budget.map(b -> b.of(goldSize))
                .orElseGet(() -> Math.max(DEFAULT_MIN_NODES, new Amount(-1, DEFAULT_PERCENT).of(goldSize)));
    }

    /** The budget as set, or the default's rule. */
    public String describeBudget() {
        return budget.map(Amount::toString)
                .orElse("the larger of " + DEFAULT_PERCENT + "% and " + DEFAULT_MIN_NODES + " nodes");
    }

    public String describe() {
        return rounds + " round(s), at most " + describeBudget() + " per round, within " + timeout.toSeconds() + " s";
    }
}
