package dev.lazarus.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Typed, validated access to {@code lazarus.*} configuration parameters. Every bad value is a
 * {@link LazarusConfigurationException} that names the parameter, the value and what is allowed.
 */
public final class Parameters {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final ConfigurationParameters source;

    public Parameters(ConfigurationParameters source) {
        this.source = source;
    }

    /** Parameters from a plain map (tests, tools). */
    public static Parameters of(java.util.Map<String, String> values) {
        return new Parameters(new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        });
    }

    /** The {@code lazarus.*} system properties: what a tool outside JUnit (the report command) is given. */
    public static Parameters systemProperties() {
        java.util.Map<String, String> values = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("lazarus."))
                .forEach(k -> values.put(k, System.getProperty(k)));
        return of(values);
    }

    public Optional<String> get(String key) {
        return source.get(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public Set<String> keys() {
        return source.keySet();
    }

    /** These parameters with {@code overrides} taking precedence (a control plane that configures another). */
    public Parameters with(java.util.Map<String, String> overrides) {
        ConfigurationParameters base = source;
        java.util.Map<String, String> copy = java.util.Map.copyOf(overrides);
        return new Parameters(new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return copy.containsKey(key) ? Optional.of(copy.get(key)) : base.get(key);
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            public Set<String> keySet() {
                Set<String> keys = new java.util.TreeSet<>(base.keySet());
                keys.addAll(copy.keySet());
                return keys;
            }
        });
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return parseInt(key, raw.get(), min, max);
    }

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
