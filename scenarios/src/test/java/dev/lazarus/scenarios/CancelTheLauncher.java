package dev.lazarus.scenarios;

import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.ScenarioInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.CancellationToken;

/**
 * A test extension ({@code lazarus.extensions=cancel-the-launcher}): cancels the launcher's token when the
 * {@code lazarus.test.cancel-after}-th node attempt has connected, as an IDE's stop button would mid-run.
 */
public final class CancelTheLauncher implements NodeLifecycle {

    static final String AFTER = "lazarus.test.cancel-after";

    /** The token of the run under test. */
    static final AtomicReference<CancellationToken> TOKEN = new AtomicReference<>();

    @Override
    public String id() {
        return "cancel-the-launcher";
    }

    @Override
    public RunPart forRun(ScenarioInfo scenario) {
        int after = scenario.parameters().getInt(AFTER, 1, 1, 100_000);
        AtomicInteger connected = new AtomicInteger();
        return new RunPart() {
            @Override
            public NodeHooks nodeHooks(List<String> fleetIps, Expectations expectations) {
                return new NodeHooks() {
                    @Override
                    public void afterConnect(String publicIp, int attempt) {
                        if (connected.incrementAndGet() == after) {
                            TOKEN.get().cancel();
                        }
                    }
                };
            }
        };
    }
}
