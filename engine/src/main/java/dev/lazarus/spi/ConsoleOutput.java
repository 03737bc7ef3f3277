package dev.lazarus.spi;

import dev.lazarus.api.LazarusParameters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run prints on the console ({@code lazarus.console}); the artifacts are written whichever it is. A warning a
 * user must act on (a cancellation, a result that could not be written, instances not confirmed terminated) is
 * printed in every mode.
 */
public enum ConsoleOutput {
    /** The progress line, notices during the run, the full recap and the report paths (the default). */
    RECAP,
    /** One line per scenario at its end: run id, counts per status, ghosts, the invariant, the artifacts folder. */
    SUMMARY,
    /** Nothing but the warnings. */
    OFF;

    /** The value {@code lazarus.console} is given as. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code lazarus.console} of {@code parameters}, {@link #RECAP} when not given; any other value is rejected. */
    public static ConsoleOutput of(Parameters parameters) {
        return parameters
                .get(LazarusParameters.CONSOLE)
                .map(ConsoleOutput::parse)
                .orElse(RECAP);
    }

    private static ConsoleOutput parse(String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new LazarusConfigurationException(LazarusParameters.CONSOLE + "='" + raw
                        + "' is not allowed; allowed: "
                        + Arrays.stream(values()).map(ConsoleOutput::value).collect(Collectors.joining(", "))));
    }
}
