package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.replay.RunReplay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The ec2 control plane end to end: AWS SDK v2 → WireMock EC2 emulator → gold list → sshj → MINA nodes. */
class Ec2RunTest {

    @Scenario(
            controlPlane = "ec2-emulated",
            fleetSize = 16,
            commands = {
                "apt-get update",
                "apt-get install -y tomcat10",
                "systemctl enable --now tomcat10",
                "curl -sf http://localhost:8080/"
            })
    static class Tomcat16 {}

    @TempDir
    Path out;

    private EngineExecutionResults run(Class<?> scenario, String... keyValues) {
        return Runs.execute(out, selectClass(scenario), keyValues);
    }

    private Path journal() throws IOException {
        return Runs.journal(out);
    }

    private List<JournalEvent.ControlPlaneEvent> controlPlane(String kind) throws IOException {
        return JournalReader.read(journal()).events().stream()
                .filter(JournalEvent.ControlPlaneEvent.class::isInstance)
                .map(JournalEvent.ControlPlaneEvent.class::cast)
                .filter(e -> e.kind().equals(kind))
                .toList();
    }

    @Test
    void sixtyFourNodesEndToEndThroughTheEmulatorThenEveryInstanceIsTerminated() throws Exception {
        EngineExecutionResults results = run(Tomcat16.class, "lazarus.fleet.size", "64");

        results.testEvents().assertStatistics(s -> s.succeeded(64 + 3).failed(0));
        List<JournalEvent> events = JournalReader.read(journal()).events();
        JournalEvent.GoldList gold = events.stream()
                .filter(JournalEvent.GoldList.class::isInstance)
                .map(JournalEvent.GoldList.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(gold.nodes()).hasSize(64).allSatisfy(n -> {
            assertThat(n.instanceId()).matches("i-[0-9a-f]{17}");
            assertThat(n.publicIp()).startsWith("127.0.");
            assertThat(n.privateIp()).startsWith("172.31.");
        });
        @SuppressWarnings("unchecked")
        List<String> launched = controlPlane("instances_launched").stream()
                .flatMap(e -> ((List<String>) e.details().get("instance_ids")).stream())
                .toList();
        assertThat(launched).hasSize(64);
        JournalEvent.ControlPlaneEvent terminated =
                controlPlane("instances_terminated").get(0);
        assertThat((List<Object>) terminated.details().get("instance_ids"))
                .containsExactlyInAnyOrderElementsOf(launched);
        assertThat(terminated.details().get("confirmed"))
                .as("the emulator reported them terminated")
                .isEqualTo(true);
        assertThat(controlPlane("ingress_authorized"))
                .extracting(e -> e.details().get("port"))
                .containsExactly(22, 8080);
    }

    @Test
    void underThirtyPercentThrottlingTheRunSucceedsAndTheWatchdogGrows() throws Exception {
        EngineExecutionResults results =
                run(Tomcat16.class, "lazarus.ec2-emulated.throttle-rate", "0.3", "lazarus.ec2-emulated.seed", "7");

        results.testEvents().assertStatistics(s -> s.succeeded(16 + 3).failed(0));
        Map<String, Object> calls = controlPlane("api_calls").get(0).details();
        assertThat(((Number) calls.get("throttled")).intValue()).isPositive();
        int maxRetry = ((Number) calls.get("max_retry_observed")).intValue();
        assertThat(maxRetry).isGreaterThan(1);
        JournalEvent.WatchdogConfigured watchdog = JournalReader.read(journal()).events().stream()
                .filter(JournalEvent.WatchdogConfigured.class::isInstance)
                .map(JournalEvent.WatchdogConfigured.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(watchdog.maxRetryObserved()).isEqualTo(maxRetry);
        assertThat(watchdog.instanceType()).isEqualTo("t2.micro");
        long expected = Math.max(18, (long) Math.ceil(15 + 0.15 * 16 + Math.min(30, 2 * maxRetry) - 1e-9));
        assertThat(watchdog.timeoutSeconds()).isEqualTo(expected).isGreaterThan((long) Math.ceil(15 + 0.15 * 16 + 2));
    }

    @Test
    void ipsThatArriveLateAndUnevenlyAreWaitedFor() throws Exception {
        EngineExecutionResults results = run(
                Tomcat16.class, "lazarus.ec2-emulated.ip-after", "300ms", "lazarus.ec2-emulated.ip-stagger", "150ms");
        results.testEvents().assertStatistics(s -> s.succeeded(16 + 3).failed(0));
        assertThat(((Number) controlPlane("api_calls").get(0).details().get("calls")).intValue())
                .as("DescribeInstances polled more than once")
                .isGreaterThan(4);
    }

    @Test
    void anInstanceThatNeverGetsAnIpIsAFailedVerdictNamingItsIdAndTheInvariantHolds() throws Exception {
        EngineExecutionResults results = run(
                Tomcat16.class,
                "lazarus.fleet.size",
                "4",
                "lazarus.ec2-emulated.never-ip",
                "3",
                "lazarus.ec2.ip-timeout",
                "2s");

        List<JournalEvent.ControlPlaneEvent> unreachable = controlPlane("instance_unreachable");
        assertThat(unreachable).hasSize(1);
        String id = (String) unreachable.get(0).details().get("instance_id");
        results.testEvents().failed().assertThatEvents().singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("instance " + id + ": no node");
            assertThat(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .orElseThrow()
                            .getThrowable()
                            .orElseThrow()
                            .getMessage())
                    .contains(id)
                    .contains("no public IP");
        });
        results.testEvents().assertStatistics(s -> s.succeeded(3 + 3));
        RunReplay replay = RunReplay.of(journal());
        assertThat(replay.result().assessment().invariantHolds()).isTrue();
        assertThat(replay.result().assessment().gold()).hasSize(3);
    }

    @Test
    void anInstanceThatNeverBecomesVisibleIsReportedByIdToo() throws Exception {
        run(
                Tomcat16.class,
                "lazarus.fleet.size",
                "3",
                "lazarus.ec2-emulated.never-visible",
                "2",
                "lazarus.ec2.wait-timeout",
                "2s");
        assertThat(controlPlane("instance_unreachable"))
                .singleElement()
                .satisfies(e -> assertThat((String) e.details().get("reason")).contains("never became visible"));
    }

    @Test
    void aDuplicateIngressRuleCountsAsAlreadyDone() throws Exception {
        EngineExecutionResults results =
                run(Tomcat16.class, "lazarus.fleet.size", "2", "lazarus.ec2.ingress-ports", "22,22");
        results.testEvents().assertStatistics(s -> s.failed(0));
        assertThat(controlPlane("ingress_authorized"))
                .extracting(e -> e.details().get("already_present"))
                .containsExactly(false, true);
    }

    @Test
    void teardownNeverLeavesTheInstancesAndSaysSo() throws Exception {
        run(Tomcat16.class, "lazarus.fleet.size", "2", "lazarus.ec2.teardown", "never");
        assertThat(controlPlane("instances_terminated")).isEmpty();
        assertThat(controlPlane("teardown_skipped"))
                .singleElement()
                .satisfies(e ->
                        assertThat((List<?>) e.details().get("instance_ids")).hasSize(2));
    }

    @Test
    void teardownOnSuccessKeepsAFailedFleetForForensics() throws Exception {
        run(
                Tomcat16.class,
                "lazarus.fleet.size",
                "2",
                "lazarus.ec2.teardown",
                "on-success",
                "lazarus.embedded.behaviours",
                "1=silent-failure@curl",
                "lazarus.command.tries",
                "1");
        assertThat(controlPlane("teardown_skipped")).hasSize(1);
    }

    @Test
    void noSecretReachesTheJournalTheArtifactsOrTheConsole() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run(Tomcat16.class, "lazarus.fleet.size", "2", "lazarus.console", "recap");
        } finally {
            System.setOut(console);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("[lazarus] ec2:")
                .doesNotContain("emulator-secret-key")
                .doesNotContain("BEGIN OPENSSH PRIVATE KEY");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file))
                        .as(file.toString())
                        .doesNotContain("emulator-secret-key")
                        .doesNotContain("BEGIN OPENSSH PRIVATE KEY")
                        .doesNotContain("AKIAEMULATOR0000");
            }
        }
    }

    @Test
    void withTheConsoleOffTheFleetComesAndGoesWithoutAWord() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run(Tomcat16.class, "lazarus.fleet.size", "2", "lazarus.console", "off");
        } finally {
            System.setOut(console);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(controlPlane("instances_terminated")).hasSize(1);
    }

    @Test
    void badInputFailsWithOneClearErrorAndLeavesNoInstance() {
        assertFailure(run(Tomcat16.class, "lazarus.ec2.region", "mars-north-1"), "lazarus.ec2.region='mars-north-1'");
        assertFailure(
                run(Tomcat16.class, "lazarus.control-plane", "ec2", "lazarus.ec2.endpoint", "not a url"),
                "lazarus.ec2.endpoint='not a url'");
        assertFailure(run(Tomcat16.class, "lazarus.ec2.ami", "windows-please"), "InvalidAMIID.Malformed");
        assertFailure(run(Tomcat16.class, "lazarus.ec2.instance-type", "t9.gigantic"), "InvalidParameterValue");
        assertFailure(
                run(Tomcat16.class, "lazarus.ec2.ingress-cidr", "everyone"), "lazarus.ec2.ingress-cidr='everyone'");
        assertFailure(run(Tomcat16.class, "lazarus.ec2.teardown", "sometimes"), "lazarus.ec2.teardown='sometimes'");
    }

    private static void assertFailure(EngineExecutionResults results, String expected) {
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1, event(container(Tomcat16.class), finishedWithFailure(message(m -> m.contains(expected)))));
        results.allEvents()
                .dynamicallyRegistered()
                .assertThatEvents()
                .filteredOn(e -> e.getTestDescriptor().isTest())
                .isEmpty();
    }

    @Test
    void theRealEc2ControlPlaneWithoutCredentialsStopsBeforeAnything() {
        Optional<String> envKey = Optional.ofNullable(System.getenv("AWS_ACCESS_KEY_ID"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                envKey.isEmpty()
                        && System.getProperty("aws.accessKeyId") == null
                        && !Files.exists(Path.of(System.getProperty("user.home"), ".aws")),
                "AWS credentials are configured here");
        EngineExecutionResults results = run(
                Tomcat16.class,
                "lazarus.control-plane",
                "ec2",
                "lazarus.ec2.region",
                "us-east-1",
                "lazarus.ec2.ami",
                "ami-0123456789abcdef0",
                "lazarus.ec2.endpoint",
                "http://127.0.0.1:9",
                "lazarus.ec2.private-key",
                "pom.xml");
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(Tomcat16.class),
                                finishedWithFailure(message(m -> m.contains("no AWS credentials")))));
    }
}
