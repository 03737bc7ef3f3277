package dev.lazarus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.spi.LazarusConfigurationException;
import org.junit.jupiter.api.Test;

class AmountTest {

    @Test
    void amountsAreCountsOrPercentagesRoundedUp() {
        assertThat(Amount.parse("k", "20", 0).of(200)).isEqualTo(20);
        assertThat(Amount.parse("k", "10%", 0).of(200)).isEqualTo(20);
        assertThat(Amount.parse("k", "10%", 0).of(15)).isEqualTo(2);
        assertThat(Amount.parse("k", "0", 0).of(15)).isZero();
        assertThat(Amount.parse("k", "12.5%", 0.000001)).hasToString("12.5%");
        assertThatThrownBy(() -> Amount.parse("lazarus.batch", "0%", 0.000001))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessageContaining("lazarus.batch=0%");
        assertThatThrownBy(() -> Amount.parse("lazarus.batch", "0", 0.000001)).hasMessageContaining("at least 1");
    }
}
