package dev.lazarus.execution;

import static org.assertj.core.api.Assertions.assertThat;

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
            boolean isVirtual = jdkHasVirtualThreads && (Boolean) Thread.class.getMethod("isVirtual").invoke(worker);
            assertThat(isVirtual).isEqualTo(jdkHasVirtualThreads);
            assertThat(worker.isDaemon()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theProgressLineSaysDoneFailedAndInFlight() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ProgressLine progress = new ProgressLine("TomcatInstall", 4, java.time.Duration.ZERO,
                new java.io.PrintStream(bytes), false)) {
            progress.nodeStarted();
            progress.nodeStarted();
            progress.nodeStarted();
            progress.nodeFinished(true);
            progress.nodeFinished(false);
            assertThat(progress.line()).startsWith("[lazarus] TomcatInstall: 2/4 done, 1 failed, 1 in flight, ");
        }
        assertThat(bytes.toString()).as("no ticker when the interval is 0").isEmpty();
    }
}
