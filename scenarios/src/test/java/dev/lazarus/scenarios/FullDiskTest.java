package dev.lazarus.scenarios;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.lazarus.api.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A journal that cannot be written stops the run with a clear error before any node is touched. */
class FullDiskTest {

    @Scenario(
            fleetSize = 4,
            commands = {"echo hello"})
    static class Tiny {}

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFullDiskFailsTheScenarioBeforeAnyNodeIsTouched() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("tiny"));
        int mounted = run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", disk.toString());
        if (mounted != 0) {
            System.out.println("[lazarus] FullDiskTest skipped: cannot mount a small tmpfs here (needs root)");
        }
        Assumptions.assumeTrue(mounted == 0, "cannot mount a small tmpfs here (needs root)");
        try {
            fill(disk.resolve("filler"));

            EngineExecutionResults results = EngineTestKit.engine("lazarus")
                    .configurationParameter("lazarus.output.dir", disk.toString())
                    .configurationParameter("lazarus.progress.interval", "0")
                    .configurationParameter("lazarus.console", "off")
                    .selectors(selectClass(Tiny.class))
                    .execute();

            results.containerEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    container(Tiny.class),
                                    finishedWithFailure(message(
                                            m -> m.contains("journal") && m.contains("No space left on device")))));
            results.allEvents()
                    .dynamicallyRegistered()
                    .assertThatEvents()
                    .as("no node was touched")
                    .isEmpty();
            results.testEvents().assertStatistics(s -> s.started(0).skipped(3));
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    private static void fill(Path file) {
        byte[] block = new byte[1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // the disk is full: what this test needs
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
