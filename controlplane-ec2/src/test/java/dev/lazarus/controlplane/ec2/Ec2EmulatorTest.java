package dev.lazarus.controlplane.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.controlplane.ec2.emulator.Ec2Emulator;
import dev.lazarus.controlplane.ec2.emulator.Ec2Faults;
import dev.lazarus.controlplane.ec2.emulator.EmulatedInstance;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/** The emulator through the real AWS SDK: state over time, the real error shapes, faults. */
class Ec2EmulatorTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "test-secret"));

    private Ec2Emulator emulator;
    private Ec2Client client;

    @TempDir
    Path dir;

    private void start(Ec2Faults faults, Duration runningAfter) {
        emulator = Ec2Emulator.start(
                List.of("127.0.1.1", "127.0.1.2", "127.0.1.3"), runningAfter, Duration.ZERO, Duration.ZERO, faults);
        client = Ec2Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(emulator.endpoint())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private List<Instance> describe() {
        return client.describeInstances().reservations().stream()
                .flatMap(r -> r.instances().stream())
                .toList();
    }

    @Test
    void instancesGoFromPendingToRunningAndThenHaveTheirPublicIp() throws Exception {
        start(Ec2Faults.NONE, Duration.ofMillis(300));
        client.runInstances(r -> r.imageId("ami-0123456789abcdef0")
                .instanceType("t2.micro")
                .minCount(2)
                .maxCount(2));
        assertThat(describe()).extracting(i -> i.state().nameAsString()).containsOnly("pending");
        assertThat(describe()).allSatisfy(i -> assertThat(i.publicIpAddress()).isNull());
        try (var waiter = software.amazon.awssdk.services.ec2.waiters.Ec2Waiter.builder()
                .client(client)
                .overrideConfiguration(o -> o.waitTimeout(Duration.ofSeconds(10))
                        .backoffStrategyV2(
                                software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(50))))
                .build()) {
            waiter.waitUntilInstanceRunning(r ->
                    r.instanceIds(describe().stream().map(Instance::instanceId).toList()));
        }
        assertThat(describe()).extracting(Instance::publicIpAddress).containsExactly("127.0.1.1", "127.0.1.2");
    }

    @Test
    void duplicateIngressIsTheRealErrorCode() {
        start(Ec2Faults.NONE, Duration.ZERO);
        client.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0")
                .ipPermissions(
                        p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(ip -> ip.cidrIp("127.0.0.1/32"))));
        assertThatThrownBy(() -> client.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0")
                        .ipPermissions(p ->
                                p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(ip -> ip.cidrIp("127.0.0.1/32")))))
                .isInstanceOfSatisfying(
                        Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPermission.Duplicate"));
        assertThat(emulator.ingressRules()).containsExactly("sg-0123456789abcdef0/tcp/22-22/127.0.0.1/32");
    }

    @Test
    void throttlingHasTheRealShape() {
        start(Ec2Faults.NONE.withThrottleRate(1.0), Duration.ZERO);
        assertThatThrownBy(() -> client.describeInstances()).isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
            assertThat(e.isThrottlingException()).isTrue();
        });
        assertThat(emulator.throttledCalls()).isEqualTo(1);
    }

    @Test
    void invisibleInstancesAreNotFoundAndRejectedAmisAreMalformed() {
        start(Ec2Faults.NONE.withNeverVisible(Set.of(2)), Duration.ZERO);
        client.runInstances(r -> r.imageId("ami-0123456789abcdef0")
                .instanceType("t2.micro")
                .minCount(2)
                .maxCount(2));
        assertThat(describe()).hasSize(1);
        String hidden = emulator.instances().get(1).id();
        assertThatThrownBy(() -> client.describeInstances(r -> r.instanceIds(hidden)))
                .isInstanceOfSatisfying(
                        Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
        assertThatThrownBy(() ->
                        client.runInstances(r -> r.imageId("linux").minCount(1).maxCount(1)))
                .isInstanceOfSatisfying(
                        Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.Malformed"));
    }

    @Test
    void aLaterCommandTerminatesWhatAKilledRunLaunched() throws Exception {
        start(Ec2Faults.NONE, Duration.ZERO);
        List<String> ids = client
                .runInstances(r -> r.imageId("ami-0123456789abcdef0")
                        .instanceType("t2.micro")
                        .minCount(3)
                        .maxCount(3))
                .instances()
                .stream()
                .map(Instance::instanceId)
                .toList();
        Path journal = dir.resolve("journal.jsonl");
        try (Journal j = Journal.create(journal)) {
            // a run killed right after launching: its journal has its start and the launch, nothing else
            j.append(new JournalEvent.RunStarted(
                    Events.now(), "run-1", "TomcatOnEc2", "ec2", 3, "1/1", 1, "17", List.of("true"), List.of()));
            j.append(new JournalEvent.ControlPlaneEvent(
                    Events.now(), "instances_launched", Map.of("instance_ids", ids)));
        }

        List<String> terminated = TerminateLeftovers.terminate(
                journal, Region.US_EAST_1, Optional.of(emulator.endpoint().toString()), CREDENTIALS);

        assertThat(terminated).containsExactlyElementsOf(ids);
        assertThat(emulator.instances())
                .allSatisfy(i -> assertThat(i.terminated()).isTrue());
        assertThat(emulator.instances()).extracting(EmulatedInstance::id).containsExactlyElementsOf(ids);
    }
}
