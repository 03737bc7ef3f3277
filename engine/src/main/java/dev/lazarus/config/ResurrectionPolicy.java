package dev.lazarus.config;

import static dev.lazarus.api.LazarusParameters.RESURRECTION_BUDGET;
import static dev.lazarus.api.LazarusParameters.RESURRECTION_ROUNDS;
import static dev.lazarus.api.LazarusParameters.RESURRECTION_TIMEOUT;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.time.Duration;
import java.util.Locale;

/**
 * The limits the gatekeeper works within.
 *
 * @param rounds resurrection rounds after the first pass; 0 gives exactly the first-pass behaviour
 * @param budget share of the gold list that may be resurrected in one round, 0..1
 * @param timeout no round starts once this much time has passed since the first pass ended
 */
public record ResurrectionPolicy(int rounds, double budget, Duration timeout) {

    public static final int DEFAULT_ROUNDS = 1;
    public static final double DEFAULT_BUDGET = 0.25;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public static ResurrectionPolicy resolve(Parameters p) {
        return new ResurrectionPolicy(
                p.getInt(RESURRECTION_ROUNDS, DEFAULT_ROUNDS, 0, 10),
                p.get(RESURRECTION_BUDGET).map(ResurrectionPolicy::parseBudget).orElse(DEFAULT_BUDGET),
                p.getDuration(RESURRECTION_TIMEOUT, DEFAULT_TIMEOUT, Duration.ofDays(1)));
    }

    static double parseBudget(String raw) {
        String s = raw.strip();
        try {
            double share = s.endsWith("%")
                    ? Double.parseDouble(s.substring(0, s.length() - 1).strip()) / 100
                    : Double.parseDouble(s);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LazarusConfigurationException(RESURRECTION_BUDGET + "='" + raw + "' is not a share of the fleet; "
                + "allowed: 0..1 or 0%..100% (e.g. 0.25 or 25%)");
    }

    /** Most nodes one round may resurrect in a gold list of {@code goldSize}: at least one unless the budget is 0. */
    public int perRound(int goldSize) {
        if (budget <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.floor(budget * goldSize));
    }

    public String describe() {
        return rounds + " round(s), at most " + String.format(Locale.ROOT, "%.0f%%", budget * 100)
                + " of the fleet per round, within " + timeout.toSeconds() + " s";
    }
}
