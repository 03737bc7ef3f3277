package dev.lazarus.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reading of {@code lazarus.*} configuration parameters: what the engine, a control plane and an
 * extension read their settings through. Every bad value is a {@link LazarusConfigurationException} that names the
 * parameter, the value and what is allowed. A blank value counts as not given.
 */
public final class Parameters {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final Function<String, Optional<String>> lookup;
    private final Supplier<Set<String>> keys;

    private Parameters(Function<String, Optional<String>> lookup, Supplier<Set<String>> keys) {
        this.lookup = lookup;
        this.keys = keys;
    }

    /** Parameters read through {@code lookup}, whose names {@code keys} lists (JUnit's configuration parameters). */
    public static Parameters from(Function<String, Optional<String>> lookup, Supplier<Set<String>> keys) {
        return new Parameters(lookup, keys);
    }

    /** Parameters from a plain map (tests, tools). */
    public static Parameters of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Parameters(key -> Optional.ofNullable(copy.get(key)), copy::keySet);
    }

    /** The {@code lazarus.*} system properties: what a tool outside JUnit (the report command) is given. */
    public static Parameters systemProperties() {
        Map<String, String> values = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("lazarus."))
                .forEach(k -> values.put(k, System.getProperty(k)));
        return of(values);
    }

    public Optional<String> get(String key) {
        return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public Set<String> keys() {
        return keys.get();
    }

    /** These parameters with {@code overrides} taking precedence (a control plane that configures another). */
    public Parameters with(Map<String, String> overrides) {
        Map<String, String> copy = Map.copyOf(overrides);
        return new Parameters(key -> copy.containsKey(key) ? Optional.of(copy.get(key)) : lookup.apply(key), () -> {
            Set<String> all = new TreeSet<>(keys.get());
            all.addAll(copy.keySet());
            return all;
        });
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        return get(key).map(raw -> parseInt(key, raw, min, max)).orElse(defaultValue);
    }

    /** A whole number {@code min..max} given as {@code raw} for {@code key} (a parameter, or a part of one). */
    public static int parseInt(String key, String raw, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new LazarusConfigurationException(
                    key + "='" + raw + "' is not a whole number; allowed: " + min + ".." + max);
        }
        if (value < min || value > max) {
            throw new LazarusConfigurationException(
                    key + "=" + value + " is out of range; allowed: " + min + ".." + max);
        }
        return value;
    }

    /** A whole number such as a seed; any long is allowed. */
    public long getLong(String key, long defaultValue) {
        return get(key).map(raw -> {
                    try {
                        return Long.parseLong(raw);
                    } catch (NumberFormatException e) {
                        throw new LazarusConfigurationException(key + "='" + raw + "' is not a whole number");
                    }
                })
                .orElse(defaultValue);
    }

    public double getDouble(String key, double defaultValue, double min, double max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new LazarusConfigurationException(
                    key + "='" + raw.get() + "' is not a number; allowed: " + min + ".." + max);
        }
        if (!(value >= min && value <= max)) {
            throw new LazarusConfigurationException(
                    key + "=" + raw.get() + " is out of range; allowed: " + min + ".." + max);
        }
        return value;
    }

    public Optional<Boolean> getBoolean(String key) {
        return get(key).map(raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default ->
                throw new LazarusConfigurationException(key + "='" + raw + "' is not a boolean; allowed: true, false");
        });
    }

    public Optional<Duration> getDuration(String key, Duration max) {
        return get(key).map(raw -> parseDuration(key, raw, max));
    }

    public Duration getDuration(String key, Duration defaultValue, Duration max) {
        return getDuration(key, max).orElse(defaultValue);
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    public static Duration parseDuration(String key, String raw, Duration max) {
        Matcher m = DURATION.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new LazarusConfigurationException(key + "='" + raw
                    + "' is not a duration; allowed: a whole number with unit ms, s, m or h (e.g. 500ms, 30s), up to "
                    + max);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (d.compareTo(max) > 0) {
            throw new LazarusConfigurationException(key + "=" + raw + " is too long; allowed: up to " + max);
        }
        return d;
    }
}
