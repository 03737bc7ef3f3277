package dev.lazarus.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lazarus.spi.Login;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.Status;
import dev.lazarus.ssh.ExecResult;
import dev.lazarus.ssh.HandshakePermits;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshFailure;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.ssh.StreamWatchdog;
import dev.lazarus.verdict.Shell;
import dev.lazarus.verdict.Verdicts;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.schmizz.sshj.DefaultConfig;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated fleet through the engine's real SSH client (sshj). */
class EmbeddedFleetTest {

    private static final SshSettings SSH = new SshSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(10), 1, Duration.ofMillis(10), Duration.ofSeconds(30));

    private final ExecutorService drainers = Executors.newCachedThreadPool();
    private final StreamWatchdog watchdog = new StreamWatchdog(Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        watchdog.close();
        drainers.shutdownNow();
    }

    private static Node node(EmbeddedFleet fleet, int number) {
        SimulatedNode n = fleet.nodes().get(number - 1);
        return new Node(
                n.ip(),
                n.ip(),
                "embedded-" + number,
                fleet.port(),
                new Login(EmbeddedFleet.USER, fleet.harnessKey()),
                n.hostKey());
    }

    private ExecResult exec(Node node, String command) throws Exception {
        try (NodeSession session = NodeSession.open(node, new DefaultConfig(), SSH, new HandshakePermits(4))) {
            return session.exec(command, watchdog, drainers);
        }
    }

    @Test
    void eachNodeHasItsOwnAddressHostKeyAndState() throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(3, 0, 1, Map.of())) {
            assertThat(fleet.nodes())
                    .extracting(SimulatedNode::ip)
                    .containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");
            assertThat(fleet.nodes().get(0).hostKey())
                    .isNotEqualTo(fleet.nodes().get(1).hostKey());

            assertThat(exec(node(fleet, 1), "apt-get install -y tomcat10").exitStatus())
                    .isZero();
            assertThat(exec(node(fleet, 1), "systemctl enable --now tomcat10").exitStatus())
                    .isZero();
            ExecResult served = exec(node(fleet, 1), "curl -sf http://localhost:8080/");
            assertThat(served.exitStatus()).isZero();
            assertThat(served.stdoutTail()).anyMatch(l -> l.contains("Apache Tomcat"));
            assertThat(exec(node(fleet, 2), "curl -sf http://localhost:8080/").exitStatus())
                    .as("node 2 never installed Tomcat")
                    .isEqualTo(7);
        }
    }

    @Test
    void aHostKeyOtherThanThePublishedOneIsRejected() throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(2, 0, 1, Map.of())) {
            Node real = node(fleet, 1);
            Node spoofed = new Node(
                    real.publicIp(),
                    real.privateIp(),
                    real.instanceId(),
                    real.sshPort(),
                    real.login(),
                    fleet.nodes().get(1).hostKey());
            SshFailure failure = assertThrows(
                    SshFailure.class,
                    () -> NodeSession.open(spoofed, new DefaultConfig(), SSH, new HandshakePermits(1)));
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.HOST_KEY_CHANGED);
            assertThat(failure.connectAttempts()).as("not retried").isEqualTo(1);
            assertThat(failure.getMessage())
                    .startsWith("the host key of " + real.publicIp() + " is not the one its control plane published: "
                            + "it offered ssh-ed25519 SHA256:")
                    .endsWith("(possible man in the middle)");
            assertThat(Verdicts.ssh(failure).status()).isEqualTo(Status.SSH_INITIATED_FAILED);
            assertThat(Verdicts.ssh(failure).tags()).contains("host_key_changed");
        }
    }

    @Test
    void aHungCommandOutlivesItsConnectionUntilItsProcessGroupIsEnded() throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(1, 0, 1, Map.of(1, Behaviour.parse("stall@apt-get install")));
                StreamWatchdog quick = new StreamWatchdog(Duration.ofMillis(500))) {
            Node node = node(fleet, 1);
            ExecResult hung;
            long group;
            try (NodeSession session = NodeSession.open(node, new DefaultConfig(), SSH, new HandshakePermits(4))) {
                hung = session.exec(
                        Shell.inProcessGroup("apt-get install -y tomcat10", "lazarus-test-1"), quick, drainers);
                assertThat(hung.stalled()).isTrue();
                assertThat(session.commandLeftUnfinished()).isTrue();
                group = session.unfinishedGroup().orElseThrow();
            }
            assertThat(hung.stderr())
                    .as("the group's id is the harness's, not the command's stderr")
                    .noneMatch(l -> l.startsWith(NodeSession.GROUP_MARKER));
            assertThat(exec(node, "ps -o stat= -g " + group).stdoutTail()).containsExactly("S");
            assertThat(exec(node, "pgrep -a -f apt-get").stdoutTail())
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith(group + " sh -c ");

            assertThat(exec(node, "pgrep -f -- '[l]azarus-test-1'").stdoutTail())
                    .as("the group is found by its tag too")
                    .containsExactly(String.valueOf(group));
            assertThat(exec(node, "kill -TERM -" + group).exitStatus()).isZero();
            assertThat(exec(node, "ps -o stat= -g " + group).exitStatus()).isEqualTo(1);
            assertThat(exec(node, "kill -TERM -" + group).exitStatus())
                    .as("nothing left to end")
                    .isEqualTo(1);
        }
    }

    @Test
    void aGroupedCommandThatEndsLeavesNothingAndKeepsItsExitStatus() throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(1, 0, 1, Map.of())) {
            Node node = node(fleet, 1);
            try (NodeSession session = NodeSession.open(node, new DefaultConfig(), SSH, new HandshakePermits(4))) {
                ExecResult r =
                        session.exec(Shell.inProcessGroup("echo done; exit 3", "lazarus-test-2"), watchdog, drainers);
                assertThat(r.exitStatus()).isEqualTo(3);
                assertThat(r.stdoutTail()).containsExactly("done");
                assertThat(r.stderr()).isEmpty();
                assertThat(session.commandLeftUnfinished()).isFalse();
            }
            assertThat(exec(node, "pgrep -a -f 'exit 3'").exitStatus()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheHarnessKeyMayLogIn() throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(1, 0, 1, Map.of())) {
            Node real = node(fleet, 1);
            Node stranger = new Node(
                    real.publicIp(),
                    real.privateIp(),
                    real.instanceId(),
                    real.sshPort(),
                    new Login(EmbeddedFleet.USER, KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)),
                    real.hostKey());
            SshFailure failure = assertThrows(
                    SshFailure.class,
                    () -> NodeSession.open(stranger, new DefaultConfig(), SSH, new HandshakePermits(1)));
            assertThat(failure.kind()).isEqualTo(SshFailure.Kind.AUTH_REJECTED);
            assertThat(Verdicts.ssh(failure).tags()).contains("auth_failed");
        }
    }

    @Test
    void twoFleetsAtOnceDoNotCollide() throws Exception {
        try (EmbeddedFleet a = EmbeddedFleet.start(5, 0, 1, Map.of());
                EmbeddedFleet b = EmbeddedFleet.start(5, 0, 1, Map.of())) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(exec(node(a, 5), "echo from-a").stdoutTail()).containsExactly("from-a");
            assertThat(exec(node(b, 5), "echo from-b").stdoutTail()).containsExactly("from-b");
        }
    }

    @Test
    void aRefusingNodeIsNotBoundAndTheFleetStopsCleanly() throws Exception {
        int port;
        try (EmbeddedFleet fleet = EmbeddedFleet.start(2, 0, 1, Map.of(2, Behaviour.of(Behaviour.Kind.REFUSE)))) {
            port = fleet.port();
            assertThat(canConnect("127.0.1.1", port)).isTrue();
            assertThat(canConnect("127.0.1.2", port)).isFalse();
        }
        assertThat(canConnect("127.0.1.1", port)).as("stopped with the run").isFalse();
    }

    @Test
    void aSlowBannerNodeSpeaksLateThenServesItsOwnHostKeyAndState() throws Exception {
        int port;
        try (EmbeddedFleet fleet = EmbeddedFleet.start(2, 0, 1, Map.of(2, Behaviour.of(Behaviour.Kind.SLOW_BANNER)))) {
            port = fleet.port();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.1.2", port), 2000);
                s.setSoTimeout((int) Behaviour.BANNER_DELAY_MILLIS / 4);
                assertThatThrownBy(() -> s.getInputStream().read())
                        .as("no banner yet")
                        .isInstanceOf(SocketTimeoutException.class);
                s.setSoTimeout((int) Behaviour.BANNER_DELAY_MILLIS * 10);
                byte[] banner = new byte[8];
                assertThat(s.getInputStream().readNBytes(banner, 0, 8)).isEqualTo(8);
                assertThat(new String(banner, StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
            }
            // the published host key verifies, and the node keeps its own state
            assertThat(exec(node(fleet, 2), "apt-get install -y tomcat10").exitStatus())
                    .isZero();
            assertThat(exec(node(fleet, 2), "systemctl enable --now tomcat10").exitStatus())
                    .isZero();
            assertThat(exec(node(fleet, 2), "curl -sf http://localhost:8080/").exitStatus())
                    .isZero();
            assertThat(exec(node(fleet, 1), "curl -sf http://localhost:8080/").exitStatus())
                    .isEqualTo(7);
        }
        assertThat(canConnect("127.0.1.2", port)).as("stopped with the run").isFalse();
    }

    private static boolean canConnect(String ip, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
