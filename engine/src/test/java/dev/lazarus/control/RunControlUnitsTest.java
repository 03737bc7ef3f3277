package dev.lazarus.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.config.LazarusConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunControlUnitsTest {

    @Test
    void theFirstSignalShutsDownInOrderAndTheSecondHalts() {
        List<String> actions = new ArrayList<>();
        Signals.Policy policy =
                new Signals.Policy(status -> actions.add("orderly " + status), status -> actions.add("halt " + status));
        policy.on(15);
        assertThat(actions).containsExactly("orderly 143");
        policy.on(2);
        policy.on(15);
        assertThat(actions).containsExactly("orderly 143", "halt 130", "halt 143");
    }

    @Test
    void theHandlersInstallAndArePutBack() {
        Runnable restore = Signals.install(new Signals.Policy(s -> {}, s -> {}));
        restore.run(); // installing and restoring leaves the JVM's own handling in place; it must not throw
        restore.run();
    }

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

    @Test
    void theBudgetCountsANodeOnceAndTripsOnTheFirstFailureOverIt() {
        ErrorBudget budget = new ErrorBudget(2, "lazarus.max-failures=2");
        assertThat(budget.failed("10.0.0.1")).isFalse();
        assertThat(budget.failed("10.0.0.1")).as("the same node again").isFalse();
        assertThat(budget.failed("10.0.0.2")).isFalse();
        assertThat(budget.tripped()).isFalse();
        assertThat(budget.failed("10.0.0.3")).isTrue();
        assertThat(budget.tripped()).isTrue();
        assertThat(budget.failed("10.0.0.4")).as("trips once").isFalse();
        assertThat(budget.reason()).isEqualTo("error budget exceeded after 4 failures (lazarus.max-failures=2)");
    }
}
