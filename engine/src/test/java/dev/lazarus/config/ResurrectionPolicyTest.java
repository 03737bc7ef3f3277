package dev.lazarus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResurrectionPolicyTest {

    private static ResurrectionPolicy budget(String raw) {
        return new ResurrectionPolicy(1, Optional.of(ResurrectionPolicy.parseBudget(raw)), Duration.ZERO);
    }

    @Test
    void budgetsAreCountsPercentagesOrShares() {
        assertThat(budget("3").perRound(100)).isEqualTo(3);
        assertThat(budget("10%").perRound(100)).isEqualTo(10);
        assertThat(budget("0.1").perRound(100)).isEqualTo(10);
        assertThat(budget("1%").perRound(16))
                .as("a share above 0 is at least one node")
                .isEqualTo(1);
        assertThat(budget("0").perRound(16)).isZero();
        assertThatThrownBy(() -> ResurrectionPolicy.parseBudget("half"))
                .hasMessageContaining("lazarus.resurrection.budget")
                .hasMessageContaining("a count (20) or a percentage (10%)");
        assertThatThrownBy(() -> ResurrectionPolicy.parseBudget("1.5")).hasMessageContaining("a share 0..1");
    }

    @Test
    void theDefaultIsTheLargerOfAQuarterAndEightNodes() {
        ResurrectionPolicy defaults = new ResurrectionPolicy(1, Optional.empty(), Duration.ZERO);
        assertThat(defaults.perRound(5))
                .as("a small fleet: every retryable node")
                .isEqualTo(8);
        assertThat(defaults.perRound(32)).isEqualTo(8);
        assertThat(defaults.perRound(512)).isEqualTo(128);
        assertThat(defaults.describeBudget()).isEqualTo("the larger of 25% and 8 nodes");
    }
}
