package dev.lazarus.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void nodeWorkersAreVirtualThreadsExactlyWhenTheJdkHasThem() throws Exception {
        boolean jdkHasVirtualThreads = Runtime.version().feature() >= 21;
        assertThat(Workers.virtualThreadsAvailable()).isEqualTo(jdkHasVirtualThreads);
        ExecutorService executor = Workers.perTask("lazarus-node");
        try {
            Thread worker = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(worker.getName()).startsWith("lazarus-node-");
            boolean isVirtual = jdkHasVirtualThreads
                    && (Boolean) Thread.class.getMethod("isVirtual").invoke(worker);
            assertThat(isVirtual).isEqualTo(jdkHasVirtualThreads);
            assertThat(worker.isDaemon()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theProgressLineSaysDoneFailedAndInFlight() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressLine progress =
                new ProgressLine("TomcatInstall", 4, Duration.ZERO, new PrintStream(bytes), false)) {
            progress.nodeStarted("127.0.1.1");
            progress.nodeStarted("127.0.1.2");
            progress.nodeStarted("127.0.1.3");
            progress.nodeFinished("127.0.1.1", true);
            progress.nodeFinished("127.0.1.2", false);
            progress.nodeSkipped();
            assertThat(progress.line())
                    .startsWith("[lazarus] TomcatInstall: 3/4 done, 1 failed, 1 in flight, ")
                    .contains(" nodes/min, 1 skipped, error rate 50% of the last 2; slowest in flight: 127.0.1.3 ");
        }
        assertThat(bytes.toString()).as("no ticker when the interval is 0").isEmpty();
    }
}
