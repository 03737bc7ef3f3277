package dev.lazarus.config;

import dev.lazarus.spi.LazarusConfigurationException;

/**
 * A number of nodes given as a count ({@code 20}) or a share of the fleet ({@code 10%}), as operators give
 * Ansible's {@code serial} or SSM's {@code MaxConcurrency}.
 */
public record Amount(int count, double percent) {

    /** Parses {@code raw} for {@code key}; a percentage must be within {@code minPercent..100}. */
    public static Amount parse(String key, String raw, double minPercent) {
        String s = raw.strip();
        try {
            if (s.endsWith("%")) {
                double p = Double.parseDouble(s.substring(0, s.length() - 1).strip());
                if (p < minPercent || p > 100 || (minPercent > 0 && p == 0)) {
                    throw new LazarusConfigurationException(key + "=" + raw + " is out of range; allowed: a percentage "
                            + (minPercent > 0 ? "above 0" : "0") + " to 100, or a count");
                }
                return new Amount(-1, p);
            }
            int n = Integer.parseInt(s);
            if (n < (minPercent > 0 ? 1 : 0)) {
                throw new LazarusConfigurationException(
                        key + "=" + raw + " is out of range; allowed: a count of at least " + (minPercent > 0 ? 1 : 0)
                                + ", or a percentage");
            }
            return new Amount(n, -1);
        } catch (NumberFormatException e) {
            throw new LazarusConfigurationException(key + "='" + raw + "' is not a count (20) or a percentage (10%)");
        }
    }

    public boolean isPercent() {
        return percent >= 0;
    }

    /** Nodes out of {@code of}: a percentage rounds up, so any share above 0 is at least one node. */
    public int of(int of) {
        if (!isPercent()) {
            return count;
        }
        return (int) Math.ceil(percent * of / 100.0 - 1e-9);
    }

    @Override
    public String toString() {
        return isPercent()
                ? (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%"
                : String.valueOf(count);
    }
}
