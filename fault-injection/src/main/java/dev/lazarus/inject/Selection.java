package dev.lazarus.inject;

import dev.lazarus.spi.IpAddresses;
import dev.lazarus.spi.LazarusConfigurationException;
import java.util.Arrays;
import java.util.List;

/** Which nodes a fault goes to: a count, a fraction of the fleet, or explicit IPs. */
record Selection(int count, double fraction, List<String> ips) {

    static Selection parse(String where, String raw) {
        String s = raw.strip();
        if (s.contains(".") && s.split(",")[0].strip().split("\\.").length == 4) {
            List<String> ips = Arrays.stream(s.split(","))
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .toList();
            ips.stream().filter(ip -> !IpAddresses.isValid(ip)).findFirst().ifPresent(ip -> {
                throw new LazarusConfigurationException(where + ": '" + ip + "' is not an IP address");
            });
            return new Selection(-1, -1, ips);
        }
        try {
            if (s.endsWith("%")) {
                return fraction(where, Double.parseDouble(s.substring(0, s.length() - 1)) / 100);
            }
            if (s.contains(".")) {
                return fraction(where, Double.parseDouble(s));
            }
            int count = Integer.parseInt(s);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return new Selection(count, -1, List.of());
        } catch (NumberFormatException e) {
            throw new LazarusConfigurationException(
                    where + "='" + raw + "' is not a selection; allowed: a count (3), a "
                            + "fraction 0..1 (0.02 or 2%), or IPs (127.0.1.5,127.0.1.9)");
        }
    }

    static Selection of(String where, Inject inject) {
        if (inject.ips().length > 0) {
            return parse(where, String.join(",", inject.ips()));
        }
        if (inject.fraction() >= 0) {
            return fraction(where, inject.fraction());
        }
        if (inject.count() >= 0) {
            return new Selection(inject.count(), -1, List.of());
        }
        throw new LazarusConfigurationException(where + ": give a count, a fraction or ips");
    }

    private static Selection fraction(String where, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new LazarusConfigurationException(where + ": fraction " + f + " is outside 0..1");
        }
        return new Selection(-1, f, List.of());
    }

    /** How many nodes of a fleet of {@code size} this selects (explicit IPs aside). */
    int countFor(int size) {
        if (count >= 0) {
            return count;
        }
        if (fraction >= 0) {
            return fraction == 0 ? 0 : Math.max(1, (int) Math.round(fraction * size));
        }
        return ips.size();
    }
}
