package dev.lazarus.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential pauses with jitter: the n-th pause is at most {@code base × 2^(n−1)}, never more than {@code cap}, and a
 * random share between half of that and all of it, so nodes that failed together do not all come back together.
 */
public record Backoff(Duration base, Duration cap) {

    /** The n-th pause (from 1). */
    public Duration pause(int n) {
        long max = upper(n).toMillis();
        return Duration.ofMillis(max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1));
    }

    /** The longest the n-th pause can be. */
    public Duration upper(int n) {
        long millis = base.toMillis();
        for (int i = 1; i < n && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** The longest the first {@code n} pauses can add up to. */
    public Duration upperTotal(int n) {
        Duration total = Duration.ZERO;
        for (int i = 1; i <= n; i++) {
            total = total.plus(upper(i));
        }
        return total;
    }
}
