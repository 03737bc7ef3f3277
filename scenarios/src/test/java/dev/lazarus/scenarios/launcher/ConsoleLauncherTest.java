package dev.lazarus.scenarios.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JUnit's own Console Launcher ({@code junit-platform-console-standalone}, the release the engine is built against),
 * the launcher IDEs and build tools sit on, run as a user would run it: a package scan with its default class-name
 * filter finds the scenarios named {@code *Test} and leaves nested scenario classes alone; a node test's unique id
 * re-runs that node only.
 */
class ConsoleLauncherTest {

    private static final Pattern TESTCASE = Pattern.compile("<testcase name=\"([^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void aPackageScanFindsTheScenariosNamedTestAndNotTheNestedOnes() throws Exception {
        List<String> tests = run("scan", "--select-package", SmallFleetTest.class.getPackageName());

        assertThat(tests)
                .filteredOn(t -> t.matches("node 127\\.0\\.1\\.\\d+: attempt 1"))
                .hasSize(4);
        assertThat(tests)
                .contains("node 127.0.1.1: check answers", "verdict: accounting invariant")
                .noneMatch(t -> t.contains("NestedFixture") || t.contains("127.0.1.5"));
        assertThat(Files.readString(tmp.resolve("scan/out.txt")))
                .doesNotContain("NestedFixture")
                .contains("SmallFleet");
    }

    @Test
    void aNodeTestsUniqueIdRerunsThatNodeOnly() throws Exception {
        String node = "[engine:lazarus]/[scenario:" + SmallFleetTest.class.getName() + "]/[shard:1]/[node:127.0.1.3]";

        List<String> tests = run("one-node", "--select-unique-id", node);

        assertThat(tests)
                .filteredOn(t -> t.startsWith("node "))
                .containsExactlyInAnyOrder("node 127.0.1.3: attempt 1", "node 127.0.1.3: check answers");
    }

    /** Runs the Console Launcher; returns the test names of its XML report. */
    private List<String> run(String name, String... selection) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("lazarus.console-launcher"),
                "execute",
                "--disable-banner",
                "--details=tree",
                "--include-engine=lazarus", // not this test class, found by Jupiter in the same package
                "--class-path",
                classPathWithoutJUnit(),
                "--reports-dir",
                dir.resolve("reports").toString(),
                "--config=lazarus.output.dir=" + dir.resolve("runs")));
        command.addAll(Arrays.asList(selection));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Console Launcher did not end within 120 s");
        }
        String output = Files.readString(dir.resolve("out.txt"));
        assertThat(process.exitValue()).as(output).isZero();
        try (Stream<Path> reports = Files.list(dir.resolve("reports"))) {
            List<String> names = new ArrayList<>();
            for (Path xml : reports.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Matcher m = TESTCASE.matcher(Files.readString(xml, StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }

    /** This test's class path (Surefire's, when it runs it) without the JUnit jars the standalone launcher has. */
    private static String classPathWithoutJUnit() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> {
                    String jar = Path.of(entry).getFileName().toString();
                    return !jar.startsWith("junit-") && !jar.startsWith("opentest4j") && !jar.startsWith("apiguardian");
                })
                .collect(Collectors.joining(File.pathSeparator));
    }
}
