package dev.lazarus.spi;

import java.time.Duration;
import java.util.Locale;

/**
 * The stream watchdog timeout of a run and the inputs it was chosen from. Adaptive by default:
 * {@code max(18, ceil(15 + scale x node_count + min(30, 2 x max_retry_observed)))} seconds, where scale
 * is 0.15 for t2.micro, 0.12 for t2.small and 0.1 otherwise.
 */
public record WatchdogTimeout(
        Duration timeout, int nodeCount, String instanceType, double scale, int maxRetryObserved, boolean overridden) {

    public static WatchdogTimeout adaptive(int nodeCount, String instanceType, int maxRetryObserved) {
        double scale = scaleOf(instanceType);
        double seconds = 15 + scale * nodeCount + Math.min(30, 2 * maxRetryObserved);
        long chosen = Math.max(18, (long) Math.ceil(seconds - 1e-9));
        return new WatchdogTimeout(Duration.ofSeconds(chosen), nodeCount, instanceType, scale, maxRetryObserved, false);
    }

    public static WatchdogTimeout fixed(Duration timeout, int nodeCount, String instanceType, int maxRetryObserved) {
        return new WatchdogTimeout(timeout, nodeCount, instanceType, scaleOf(instanceType), maxRetryObserved, true);
    }

    static double scaleOf(String instanceType) {
        return switch (instanceType == null ? "" : instanceType.toLowerCase(Locale.ROOT)) {
            case "t2.micro" -> 0.15;
            case "t2.small" -> 0.12;
            default -> 0.1;
        };
    }

    /** One line for the recap: the value and where it came from. */
    public String describe() {
        if (overridden) {
            return timeout.toMillis() / 1000.0 + " s (fixed by lazarus.watchdog.timeout)";
        }
        return timeout.toSeconds() + " s = max(18, ceil(15 + " + scale + " x " + nodeCount + " nodes + min(30, 2 x "
                + maxRetryObserved + ")))  [instance type " + instanceType + "]";
    }
}
