package dev.lazarus.controlplane.ec2;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the HTTP attempts of every EC2 call (the SDK's retry strategy makes them): the most any one call
 * needed is {@code max_retry_observed}, which grows the adaptive watchdog.
 */
final class AttemptCounter implements ExecutionInterceptor {

    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>("lazarus.attempts");

    private final AtomicInteger maxAttempts = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.getAttribute(ATTEMPTS).incrementAndGet();
        attempts.incrementAndGet();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.httpResponse().statusCode() == 503) {
            throttled.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        done(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        done(attributes);
    }

    private void done(ExecutionAttributes attributes) {
        AtomicInteger n = attributes.getAttribute(ATTEMPTS);
        if (n != null) {
            maxAttempts.accumulateAndGet(n.get(), Math::max);
        }
        calls.incrementAndGet();
    }

    int maxAttempts() {
        return maxAttempts.get();
    }

    long calls() {
        return calls.get();
    }

    long attempts() {
        return attempts.get();
    }

    long throttled() {
        return throttled.get();
    }
}
