package dev.lazarus.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunObserver;
import dev.lazarus.spi.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Observers are called in turn; a slow call is told once, in words a user reads, and a failing one stops nothing. */
class ObserversTest {

    /** The clock the calls are timed by; a call moves it on by as long as it says it took. */
    private final AtomicLong now = new AtomicLong();

    private final List<String> notices = new ArrayList<>();

    /** An observer whose end of the run takes {@code took} on the test's clock. */
    private RunObserver taking(String id, String activity, Duration took) {
        return new RunObserver() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String activity() {
                return activity;
            }

            @Override
            public void runFinished(RunContext run, RunResult result) {
                now.addAndGet(took.toNanos());
            }
        };
    }

    private Observers observers(RunObserver... observers) {
        return new Observers(List.of(observers), notices::add, now::get);
    }

    @Test
    void aCallSlowerThanASecondIsToldWithWhatItDidHowLongAndWhen() {
        Observers observers = observers(
                taking("allure", "writing the Allure report", Duration.ofMillis(2282)),
                taking("recap", "printing the recap", Duration.ofMillis(3)));

        observers.each("at the end of the run", o -> o.runFinished(null, null));

        assertThat(notices).containsExactly("[lazarus] writing the Allure report took 2.3 s at the end of the run");
    }

    @Test
    void aSecondOrLessIsNotWorthANotice() {
        Observers observers = observers(
                taking("a", "writing a", Duration.ofMillis(Observers.SLOW_MILLIS)),
                taking("b", "writing b", Duration.ofMillis(400)));

        observers.each("at the end of the run", o -> o.runFinished(null, null));

        assertThat(notices).isEmpty();
    }

    @Test
    void anObserverSlowAfterEveryAttemptIsToldOnceAndEachOtherMomentOnceMore() {
        Observers observers = observers(taking("allure", "writing the Allure report", Duration.ofMillis(1500)));

        for (int i = 0; i < 5; i++) {
            observers.each("after an attempt", o -> o.runFinished(null, null));
        }
        observers.each("at the end of the run", o -> o.runFinished(null, null));

        assertThat(notices)
                .containsExactly(
                        "[lazarus] writing the Allure report took 1.5 s after an attempt",
                        "[lazarus] writing the Allure report took 1.5 s at the end of the run");
    }

    @Test
    void anObserverThatSaysNothingOfItselfIsNamedByItsId() {
        RunObserver plain = new RunObserver() {
            @Override
            public String id() {
                return "ghost-count";
            }

            @Override
            public void runFinished(RunContext run, RunResult result) {
                now.addAndGet(Duration.ofSeconds(2).toNanos());
            }
        };

        observers(plain).each("at the end of the run", o -> o.runFinished(null, null));

        assertThat(notices).containsExactly("[lazarus] the ghost-count extension took 2.0 s at the end of the run");
    }

    @Test
    void aFailingObserverIsRecordedAndTheNextOneStillRuns() {
        List<String> called = new ArrayList<>();
        RunObserver failing = new RunObserver() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public void runFinished(RunContext run, RunResult result) {
                called.add(id());
                throw new IllegalStateException("disk full");
            }
        };
        RunObserver next = new RunObserver() {
            @Override
            public String id() {
                return "next";
            }

            @Override
            public void runFinished(RunContext run, RunResult result) {
                called.add(id());
            }
        };
        Observers observers = observers(failing, next);

        observers.each("at the end of the run", o -> o.runFinished(null, null));

        assertThat(called).containsExactly("failing", "next");
        assertThat(observers.failures())
                .singleElement()
                .satisfies(f -> assertThat(f).hasMessageContaining("disk full"));
        assertThat(notices).isEmpty();
    }
}
