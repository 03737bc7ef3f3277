package dev.lazarus.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Failed node tests held back for the gatekeeper, and the pass containers that stay open until every one of their
 * held tests is settled: aborted as superseded when the node gets another attempt, failed when it cannot. A
 * container whose pass has ended and holds nothing more finishes.
 */
final class HeldResults {

    /** A failed node test waiting for the gatekeeper. */
    private record Held(NodeTestDescriptor test, NodeInstallFailure failure) {}

    private final EngineExecutionListener listener;
    private final Map<String, Held> byIp = new LinkedHashMap<>();
    /** Containers whose pass has ended, with how many of their tests are still held. */
    private final Map<TestDescriptor, Integer> openContainers = new LinkedHashMap<>();

    HeldResults(EngineExecutionListener listener) {
        this.listener = listener;
    }

    void hold(NodeTestDescriptor test, NodeInstallFailure failure) {
        byIp.put(test.ip(), new Held(test, failure));
    }

    /** The pass of {@code container} ended: it finishes now unless tests of it are held; if it broke, they fail. */
    void passEnded(TestDescriptor container, Optional<Throwable> broke) {
        if (broke.isPresent()) {
            // nothing will be resurrected from a pass that broke: its held failures are final
            List.copyOf(byIp.values()).stream()
                    .filter(h -> h.test().getParent().filter(container::equals).isPresent())
                    .forEach(h -> settle(h.test().ip(), TestExecutionResult.failed(h.failure())));
            listener.executionFinished(container, TestExecutionResult.failed(broke.get()));
            return;
        }
        long held = byIp.values().stream()
                .filter(h -> h.test().getParent().filter(container::equals).isPresent())
                .count();
        openContainers.put(container, (int) held);
        closeSettled();
    }

    void superseded(String ip, int nextAttempt, int round, String reason) {
        Held h = byIp.get(ip);
        if (h != null) {
            settle(
                    ip,
                    TestExecutionResult.aborted(new AttemptSuperseded(
                            "superseded: the gatekeeper gave this node attempt " + nextAttempt
                                    + " in resurrection round " + round + " (" + reason + "); this attempt: "
                                    + h.failure().getMessage(),
                            h.failure())));
        }
    }

    void failed(String ip) {
        Held h = byIp.get(ip);
        if (h != null) {
            settle(ip, TestExecutionResult.failed(h.failure()));
        }
    }

    /** No decision follows: every held test fails, every open container finishes (failed when the run broke). */
    void failRest(Optional<Throwable> broke) {
        List.copyOf(byIp.keySet()).forEach(this::failed);
        TestExecutionResult result = broke.map(TestExecutionResult::failed).orElse(TestExecutionResult.successful());
        openContainers.keySet().forEach(c -> listener.executionFinished(c, result));
        openContainers.clear();
    }

    private void settle(String ip, TestExecutionResult result) {
        Held h = byIp.remove(ip);
        listener.executionFinished(h.test(), result);
        h.test().getParent().ifPresent(c -> openContainers.computeIfPresent(c, (k, n) -> n - 1));
        closeSettled();
    }

    /** Finishes every container whose held tests are all settled. */
    private void closeSettled() {
        openContainers.entrySet().removeIf(e -> {
            if (e.getValue() > 0) {
                return false;
            }
            listener.executionFinished(e.getKey(), TestExecutionResult.successful());
            return true;
        });
    }
}
