package dev.lazarus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResurrectionPolicyTest {

    @Test
    void budgetsParseAsSharesOrPercentages() {
        assertThat(ResurrectionPolicy.parseBudget("0.1")).isEqualTo(0.1);
        assertThat(ResurrectionPolicy.parseBudget("25%")).isEqualTo(0.25);
        assertThat(new ResurrectionPolicy(1, 0.01, Duration.ZERO).perRound(16))
                .as("at least one")
                .isEqualTo(1);
        assertThat(new ResurrectionPolicy(1, 0, Duration.ZERO).perRound(16)).isZero();
        assertThatThrownBy(() -> ResurrectionPolicy.parseBudget("half"))
                .hasMessageContaining("lazarus.resurrection.budget")
                .hasMessageContaining("0..1");
    }
}
