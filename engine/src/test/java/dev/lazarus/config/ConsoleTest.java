package dev.lazarus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.engine.fixtures.Fixtures;
import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lazarus.console}: the recap by default; the progress line only with it. */
class ConsoleTest {

    private static ScenarioConfig config(Map<String, String> parameters) {
        return ScenarioConfig.resolve(Fixtures.Alpha.class, Parameters.of(parameters));
    }

    @Test
    void theRecapWithItsProgressLineIsTheDefault() {
        ScenarioConfig config = config(Map.of());

        assertThat(config.console()).isEqualTo(ConsoleOutput.RECAP);
        assertThat(config.progressLine()).isTrue();
        assertThat(config.progressInterval(false)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.progressInterval(true)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void summaryAndOffHaveNoProgressLineWhateverItsInterval() {
        for (String console : new String[] {"summary", "off", " OFF "}) {
            ScenarioConfig config = config(Map.of("lazarus.console", console, "lazarus.progress.interval", "2s"));

            assertThat(config.console()).isNotEqualTo(ConsoleOutput.RECAP);
            assertThat(config.progressLine()).as(console).isFalse();
            assertThat(config.progressInterval(true)).as(console).isZero();
        }
        assertThat(config(Map.of("lazarus.console", "summary")).console()).isEqualTo(ConsoleOutput.SUMMARY);
        assertThat(config(Map.of("lazarus.console", "off")).console()).isEqualTo(ConsoleOutput.OFF);
    }

    @Test
    void theRecapWithTheProgressLineTurnedOffHasNone() {
        ScenarioConfig config = config(Map.of("lazarus.console", "recap", "lazarus.progress.interval", "0"));

        assertThat(config.progressLine()).isFalse();
        assertThat(config.progressInterval(true)).isZero();
    }

    @Test
    void anyOtherValueIsRejectedNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> config(Map.of("lazarus.console", "quiet")))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessage("lazarus.console='quiet' is not allowed; allowed: recap, summary, off");
    }
}
