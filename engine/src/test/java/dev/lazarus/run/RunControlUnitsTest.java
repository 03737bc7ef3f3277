package dev.lazarus.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunControlUnitsTest {

    @Test
    void theFirstSignalCancelsTheRunAndTheSecondHalts() {
        List<String> actions = new ArrayList<>();
        Signals.Policy policy =
                new Signals.Policy(signal -> actions.add("cancel " + signal), status -> actions.add("halt " + status));
        policy.on("TERM", 15);
        assertThat(actions).containsExactly("cancel SIGTERM");
        policy.on("INT", 2);
        policy.on("TERM", 15);
        assertThat(actions).containsExactly("cancel SIGTERM", "halt 130", "halt 143");
    }

    /** A real SIGINT reaches the installed policy, and afterwards the JVM's own handler is back in place. */
    @Test
    void theHandlersInstallCatchARealSignalAndArePutBack() throws Exception {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
        Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
        // what the JVM had: read it by putting a probe in its place, then put it back (never SIG_IGN: the JVM refuses
        // Java handlers for an ignored SIGINT from then on)
        Object probe = Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> null);
        Object original = handle.invoke(null, sigint, probe);
        handle.invoke(null, sigint, original);

        CountDownLatch cancelled = new CountDownLatch(1);
        List<String> received = new ArrayList<>();
        Runnable restore = Signals.install(new Signals.Policy(
                signal -> {
                    received.add(signal);
                    cancelled.countDown();
                },
                status -> received.add("halt " + status)));
        try {
            signalClass.getMethod("raise", signalClass).invoke(null, sigint);
            assertThat(cancelled.await(10, TimeUnit.SECONDS))
                    .as("the policy saw the signal")
                    .isTrue();
        } finally {
            restore.run();
        }
        assertThat(received).containsExactly("SIGINT");
        Object now = handle.invoke(null, sigint, original);
        // sun.misc.Signal wraps the JVM's handler anew on each call: compare what it wraps, named with its identity
        assertThat(now).as("the JVM's own SIGINT handler is back").hasToString(original.toString());
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
