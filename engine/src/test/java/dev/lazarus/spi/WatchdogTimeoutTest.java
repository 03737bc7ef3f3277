package dev.lazarus.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchdogTimeoutTest {

    @Test
    void theAdaptiveFormula() {
        // max(18, ceil(15 + scale x nodes + min(30, 2 x max_retry_observed)))
        assertThat(WatchdogTimeout.adaptive(512, "embedded", 0).timeout()).isEqualTo(Duration.ofSeconds(67));
        assertThat(WatchdogTimeout.adaptive(512, "t2.micro", 3).timeout()).isEqualTo(Duration.ofSeconds(98));
        assertThat(WatchdogTimeout.adaptive(100, "t2.small", 1).timeout()).isEqualTo(Duration.ofSeconds(29));
        assertThat(WatchdogTimeout.adaptive(10, "t3.large", 0).timeout())
                .as("floor")
                .isEqualTo(Duration.ofSeconds(18));
        assertThat(WatchdogTimeout.adaptive(0, "embedded", 40).timeout())
                .as("retry term capped at 30")
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void theInputsAreKeptAndDescribed() {
        WatchdogTimeout w = WatchdogTimeout.adaptive(512, "t2.micro", 3);
        assertThat(w.scale()).isEqualTo(0.15);
        assertThat(w.describe())
                .contains("98 s")
                .contains("0.15 x 512 nodes")
                .contains("2 x 3")
                .contains("t2.micro");
        WatchdogTimeout fixed = WatchdogTimeout.fixed(Duration.ofSeconds(5), 512, "embedded", 0);
        assertThat(fixed.overridden()).isTrue();
        assertThat(fixed.describe()).contains("fixed by lazarus.watchdog.timeout");
    }
}
