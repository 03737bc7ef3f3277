package dev.lazarus.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.spi.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's strace regression matrix, against real bash and strace on this machine (not the simulator),
 * through the same {@link CommandCheck} a node session uses. Cases 1 and 3 used {@code sudo} against
 * {@code /root} in the seed; CI runs as root, so they fail on a missing directory instead (same class of
 * failure). Cases 8 to 12 end in {@code exit 1} with nothing but whitelisted trace lines on stderr: by the
 * DESIGN table that is a silent failure ({@code stub}), where the seed's table said {@code install_failed}.
 */
class StraceMatrixTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void straceIsHere() {
        boolean present = Stream.of("/usr/bin/strace", "/bin/strace").anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (!present) {
            System.out.println(
                    "[lazarus] StraceMatrixTest skipped: strace is not installed (apt-get install -y strace)");
        }
        Assumptions.assumeTrue(present, "strace is not installed");
    }

    /** The system python, not a version manager's shim (whose own tracing noise is not the case under test). */
    private static final String PYTHON3 =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    static Stream<Arguments> matrix() {
        String t = tmp.toString();
        return Stream.of(
                Arguments.of(
                        1,
                        "bash -c 'echo test > " + t + "/missing/testfile'",
                        Status.INSTALL_FAILED,
                        List.of("fatal_exit_nonzero", "exit_status_1")),
                Arguments.of(
                        2,
                        "bash -c 'echo \"hello world\" > " + t + "/testfile'",
                        Status.INSTALL_SUCCESS,
                        List.of("install_success")),
                Arguments.of(
                        3,
                        "touch " + t + "/missing/testfile",
                        Status.INSTALL_FAILED,
                        List.of("fatal_exit_nonzero", "exit_status_1")),
                Arguments.of(
                        4,
                        "bash -c \"nonexistent_command\"",
                        Status.INSTALL_FAILED,
                        List.of("fatal_exit_nonzero", "exit_status_127")),
                Arguments.of(
                        5,
                        "bash -c \"printf '#!/bin/bash\\necho This is stderr >&2\\nexit 1\\n' > " + t
                                + "/fail.sh && chmod +x " + t + "/fail.sh && " + t + "/fail.sh\"",
                        Status.INSTALL_FAILED,
                        List.of("fatal_exit_nonzero", "exit_status_1")),
                Arguments.of(
                        6,
                        "bash -c \"" + PYTHON3
                                + " -c \\\"import os; os.write(2, b'error: something went wrong\\\\n')\\\"; exit 0\"",
                        Status.INSTALL_FAILED,
                        List.of("stderr_detected")),
                Arguments.of(
                        8,
                        "bash -c 'echo \"hello world\" > " + t + "/testfile8; exit 1'",
                        Status.STUB,
                        List.of("silent_failure", "exit_status_1")),
                Arguments.of(
                        9,
                        "bash -c 'echo hello && echo world && exit 1'",
                        Status.STUB,
                        List.of("silent_failure", "exit_status_1")),
                Arguments.of(
                        10, "bash -c '(echo hello; exit 1)'", Status.STUB, List.of("silent_failure", "exit_status_1")),
                Arguments.of(11, "bash -c 'sleep 1 & exit 1'", Status.STUB, List.of("silent_failure", "exit_status_1")),
                Arguments.of(
                        12,
                        "bash -c 'echo hello | grep h; exit 1'",
                        Status.STUB,
                        List.of("silent_failure", "exit_status_1")),
                Arguments.of(13, PYTHON3 + " -c \"exit(1)\"", Status.STUB, List.of("silent_failure", "exit_status_1")),
                Arguments.of(14, "sh -c \"echo test\"", Status.INSTALL_SUCCESS, List.of("install_success")));
    }

    @ParameterizedTest(name = "case {0}: {1} -> {2}")
    @MethodSource("matrix")
    void straceMatrix(int caseNumber, String command, Status expected, List<String> expectedTags) throws Exception {
        if (command.contains("python3")) {
            Assumptions.assumeTrue(PYTHON3.startsWith("/") || onPath("python3"), "python3 is not installed");
        }
        CommandCheck check = CommandCheck.of(command, List.of(), true);
        Process process = new ProcessBuilder("bash", "-c", check.wireCommand())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> kept = new ArrayList<>();
        Predicate<String> filter = check.stderrFilter();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (filter.test(line)) {
                    kept.add(line);
                }
            }
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("case %d ends", caseNumber)
                .isTrue();

        CommandCheck.Judgement judgement = check.judge(process.exitValue(), kept);

        assertThat(judgement.outcome().finalStatus())
                .as(
                        "case %d, non-whitelisted stderr: %s",
                        caseNumber,
                        judgement.outcome().nonWhitelistedStderr().stream()
                                .limit(5)
                                .toList())
                .isEqualTo(expected);
        assertThat(judgement.finalTags(1))
                .as("case %d", caseNumber)
                .containsAll(expectedTags)
                .doesNotContain("fallback_exit_status");
        assertThat(tmp.toFile().list()).noneMatch(f -> f.startsWith("lazarus-trace"));
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
