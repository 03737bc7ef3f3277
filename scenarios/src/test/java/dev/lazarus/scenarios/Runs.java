package dev.lazarus.scenarios;

import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * EngineTestKit runs of the lazarus engine into a test's folder, with fast test defaults, and what they left. The
 * runs print nothing ({@code lazarus.console=off}): the build's output is the build's, not a recap per test run.
 */
final class Runs {

    private Runs() {}

    /** Runs the selection; {@code keyValues} are parameter pairs that override the fast defaults. */
    static EngineExecutionResults execute(Path out, DiscoverySelector selector, String... keyValues) {
        return execute(out, List.of(selector), keyValues);
    }

    /** Runs the selections in one request; {@code keyValues} are parameter pairs that override the fast defaults. */
    static EngineExecutionResults execute(Path out, List<DiscoverySelector> selectors, String... keyValues) {
        EngineTestKit.Builder kit = EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter("lazarus.embedded.speed", "0.1")
                .configurationParameter("lazarus.command.retry-pause", "10ms")
                .configurationParameter("lazarus.ssh.backoff", "10ms")
                .configurationParameter("lazarus.progress.interval", "0")
                .configurationParameter("lazarus.console", "off")
                .selectors(selectors.toArray(DiscoverySelector[]::new));
        for (int i = 0; i < keyValues.length; i += 2) {
            kit.configurationParameter(keyValues[i], keyValues[i + 1]);
        }
        return kit.execute();
    }

    /** The unique id of a node check's test in an unsharded first pass. */
    static String checkId(Class<?> scenario, String ip, String check) {
        return "[engine:lazarus]/[scenario:" + scenario.getName() + "]/[shard:1]/[node:" + ip + "]/[check:" + check
                + "]";
    }

    /** The folder of the one run in {@code out}. */
    static Path runDir(Path out) throws IOException {
        try (Stream<Path> dirs = Files.list(out)) {
            return dirs.filter(Files::isDirectory)
                    .reduce((a, b) -> {
                        throw new AssertionError("more than one run folder: " + a + ", " + b);
                    })
                    .orElseThrow(() -> new AssertionError("no run folder in " + out));
        }
    }

    static Path journal(Path out) throws IOException {
        return runDir(out).resolve("journal.jsonl");
    }

    static List<JournalEvent> events(Path out) throws IOException {
        return JournalReader.read(journal(out)).events();
    }

    static Registry registry(Path out) throws IOException {
        return Registry.replay(events(out));
    }

    /**
     * The files under {@code dir} that are not {@code rw-r--r--} (every artifact's permissions), each with its mode;
     * none where the file system has no POSIX permissions.
     */
    static List<String> notReadable(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
            return List.of();
        }
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                if (!mode.equals("rw-r--r--")) {
                    wrong.add(dir.relativize(f) + " " + mode);
                }
            }
        }
        return wrong;
    }

    /** A call of the report or merge command (they read lazarus.* from system properties) without its recap. */
    static <T> T quietly(java.util.concurrent.Callable<T> command) throws Exception {
        String before = System.getProperty("lazarus.console");
        System.setProperty("lazarus.console", "off");
        try {
            return command.call();
        } finally {
            if (before == null) {
                System.clearProperty("lazarus.console");
            } else {
                System.setProperty("lazarus.console", before);
            }
        }
    }
}
