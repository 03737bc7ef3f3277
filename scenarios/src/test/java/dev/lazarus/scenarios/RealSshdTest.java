package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;
import dev.lazarus.assertj.LazarusAssertions;
import dev.lazarus.fleet.openssh.RealSshd;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.CommandRecord;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The inventory control plane against real OpenSSH: real commands, real failures, a real stall. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealSshdTest {

    static final List<String> ADDRESSES = List.of("127.0.5.1", "127.0.5.2", "127.0.5.3", "127.0.5.4");

    /** One command whose behaviour depends on the node it lands on ($SSH_CONNECTION names the server address). */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            commands = {
                "echo connected to $(echo $SSH_CONNECTION | cut -d' ' -f3)",
                "case \"$SSH_CONNECTION\" in *127.0.5.2*) ls /nonexistent-lazarus ;; *127.0.5.3*) false ;;"
                        + " *127.0.5.4*) sleep 60 ;; *) echo fine ;; esac"
            })
    static class RealCommands {}

    /** Strace mode over real SSH: the trace travels back on stderr and decides the exit status. */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            strace = true,
            commands = {
                "sh -c \"echo test\"",
                "case \"$SSH_CONNECTION\" in *127.0.5.1*) bash -c 'echo hello && exit 1' ;; *) bash -c \"nonexistent_command\" ;; esac"
            })
    static class StracedCommands {}

    /**
     * Host facts on a real node: the install starts a Python {@code http.server} on the node's own address (gone
     * after a minute whatever happens); each check reads facts that hold and shows that ones that do not fail with
     * the node, the fact and the command in their message.
     */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            commands = {
                "mkdir -p /tmp/lazarus-www-${node.ip} && echo 'served by ${node.ip}' > /tmp/lazarus-www-${node.ip}/index.html",
                "setsid -f timeout 60 python3 -m http.server ${lazarus.vars.port} --bind ${node.ip}"
                        + " --directory /tmp/lazarus-www-${node.ip} </dev/null >/dev/null 2>&1",
                "for i in $(seq 100); do curl -s -o /dev/null http://${node.ip}:${lazarus.vars.port}/ && exit 0;"
                        + " sleep 0.1; done; echo 'http.server did not come up' >&2; exit 1"
            })
    static class HostFacts {
        static int port;
        static int closedPort;
        static Path transfers;

        private static String url(Host host, String path) {
            return "http://" + host.ip() + ":" + port + path;
        }

        @NodeCheck
        void run(Host host) {
            LazarusAssertions.assertThat(host.run("echo out; echo err >&2; exit 3"))
                    .exitsWith(3)
                    .stdoutContains("out")
                    .stderrContains("err");
            assertThatThrownBy(() ->
                            LazarusAssertions.assertThat(host.run("false")).succeeded())
                    .hasMessageContaining(
                            "on node " + host.ip() + ": expected `false` to succeed (exit 0), but it " + "exited 1");
        }

        @NodeCheck
        void file(Host host) throws Exception {
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of("/etc/passwd"))));
            LazarusAssertions.assertThat(host.file("/etc/passwd"))
                    .isFile()
                    .isOwnedBy("root")
                    .hasMode("644")
                    .hasSha256(sha)
                    .contains("root:x:0:0:");
            LazarusAssertions.assertThat(host.file("/tmp")).isDirectory();
            LazarusAssertions.assertThat(host.file("/nonexistent-lazarus")).doesNotExist();
            assertThatThrownBy(() -> LazarusAssertions.assertThat(host.file("/nonexistent-lazarus"))
                            .isFile())
                    .hasMessageContaining(
                            "expected file /nonexistent-lazarus to be a regular file, but it does not " + "exist")
                    .hasMessageContaining("stat: cannot");
        }

        @NodeCheck
        void socket(Host host) {
            LazarusAssertions.assertThat(host.socket("tcp://" + host.ip() + ":" + port))
                    .isListening();
            LazarusAssertions.assertThat(host.socket("tcp://0.0.0.0:" + port)).isListening();
            LazarusAssertions.assertThat(host.socket("tcp://" + host.ip() + ":" + closedPort))
                    .isNotListening();
            assertThatThrownBy(() -> LazarusAssertions.assertThat(host.socket("tcp://" + host.ip() + ":" + closedPort))
                            .isListening())
                    .hasMessageContaining("to be listening, but the tcp listeners are [")
                    .hasMessageContaining(host.ip() + ":" + port)
                    .hasMessageContaining("read by `ss -Hltn`");
        }

        @NodeCheck
        void http(Host host) {
            LazarusAssertions.assertThat(host.http(url(host, "/index.html")))
                    .hasStatus(200)
                    .bodyContains("served by " + host.ip());
            LazarusAssertions.assertThat(host.http(url(host, "/missing"))).hasStatus(404);
            assertThatThrownBy(() -> LazarusAssertions.assertThat(host.http(url(host, "/missing")))
                            .hasStatus(200))
                    .hasMessageContaining("404")
                    .hasMessageContaining("read by `curl -s -i -m 10 -- '" + url(host, "/missing") + "'`");
        }

        @NodeCheck
        void uploadAndDownload(Host host) throws IOException {
            Path local = Files.writeString(transfers.resolve(host.ip() + ".txt"), "from the harness to " + host.ip());
            String remote = "/tmp/lazarus-www-" + host.ip() + "/uploads/in.txt";
            host.upload(local, remote);
            LazarusAssertions.assertThat(host.file(remote))
                    .isFile()
                    .isOwnedBy(RealSshd.USER)
                    .contains("from the harness to " + host.ip());
            LazarusAssertions.assertThat(host.http(url(host, "/uploads/in.txt")))
                    .hasStatus(200)
                    .bodyContains("from the harness");
            Path back = transfers.resolve(host.ip() + "-back.txt");
            host.download(remote, back);
            assertThat(back).hasSameTextualContentAs(local);
            assertThatThrownBy(() -> host.upload(transfers.resolve("missing.txt"), remote))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> host.download("/nonexistent-lazarus/x", transfers.resolve("x")))
                    .isInstanceOf(IOException.class);
        }

        /** Last: stops what the install started, and proves it gone, within a bound. */
        @NodeCheck
        void stopsTheServer(Host host) {
            String server = "[h]ttp.server " + port + " --bind " + host.ip();
            LazarusAssertions.assertThat(host.process(server)).isRunning();
            LazarusAssertions.assertThat(host.run("pkill -f '" + server + "'; for i in $(seq 50); do pgrep -f '"
                            + server + "' >/dev/null || exit 0; sleep 0.1; done; exit 1"))
                    .succeeded();
            LazarusAssertions.assertThat(host.process(server)).isNotRunning();
        }
    }

    /**
     * Four nodes on one machine contending for one real lock, as four installs would for dpkg's: whoever cannot take
     * the flock says what apt says when another holds its lock, and exits 100.
     */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            commands = {
                "flock -n ${lazarus.vars.lock} -c 'sleep 1.5' || { echo 'E: Could not get lock"
                        + " /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)' >&2; exit 100; }"
            })
    static class ContendedLock {}

    /** Commands that would run for minutes, each with a mark to find its processes by. */
    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            commands = {"sh -c 'while :; do echo still here; sleep 0.2; done' ${lazarus.vars.mark}"})
    static class Endless {}

    @Scenario(
            controlPlane = "inventory",
            commandTries = 1,
            commands = {"sleep 600 && echo ${lazarus.vars.mark}"})
    static class Silent {}

    @TempDir
    static Path dir;

    static RealSshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        String reason = RealSshd.unavailableBecause();
        if (reason != null) {
            System.out.println("[lazarus] RealSshdTest skipped: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
        sshd = RealSshd.start(dir, ADDRESSES);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void realSuccessFailureSilentFailureAndStall() throws Exception {
        Path out = Files.createDirectories(dir.resolve("runs"));
        EngineExecutionResults results = onTheFleet(out)
                .configurationParameter("lazarus.watchdog.timeout", "2s")
                .selectors(selectClass(RealCommands.class))
                .execute();

        Map<String, RegistryEntry> verdicts = registry(out).finalEntryByIp();
        assertThat(verdicts.get("127.0.5.1").status())
                .as("%s", verdicts.get("127.0.5.1"))
                .isEqualTo(Status.INSTALL_SUCCESS);

        RegistryEntry failed = verdicts.get("127.0.5.2");
        assertThat(failed.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(failed.tags()).contains("fatal_exit_nonzero", "exit_status_2");
        assertThat(failed.commands().get(1).stderr()).singleElement().asString().contains("/nonexistent-lazarus");

        RegistryEntry silent = verdicts.get("127.0.5.3");
        assertThat(silent.status()).isEqualTo(Status.STUB);
        assertThat(silent.tags()).contains("silent_failure", "exit_status_1");

        RegistryEntry stalled = verdicts.get("127.0.5.4");
        assertThat(stalled.status()).isEqualTo(Status.WATCHDOG_TIMEOUT);
        assertThat(stalled.tags()).contains("watchdog_triggered", "stall_command_2");
        // the gatekeeper gives the stalled node (only) one more attempt, its first one ends aborted as
        // superseded, and the real command stalls again
        assertThat(stalled.attempt()).isEqualTo(2);
        assertThat(stalled.previousAttemptId()).isNotNull();
        assertThat(stalled.remoteKill()).isEqualTo("ended");
        assertThat(leftRunning("sleep 60( |$)"))
                .as("neither attempt's sleep is left running")
                .isEmpty();
        results.testEvents()
                .assertStatistics(
                        s -> s.started(4 + 3 + 1).succeeded(1 + 3).aborted(1).failed(3));
    }

    @Test
    void straceModeReadsTheRealExitStatusFromTheTrace() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path out = Files.createDirectories(dir.resolve("runs-strace"));
        onTheFleet(out)
                .configurationParameter("lazarus.fleet.size", "2")
                .selectors(selectClass(StracedCommands.class))
                .execute();
        Map<String, RegistryEntry> verdicts = registry(out).finalEntryByIp();
        RegistryEntry silent = verdicts.get("127.0.5.1");
        assertThat(silent.status()).as("%s", silent).isEqualTo(Status.STUB);
        assertThat(silent.tags()).contains("silent_failure", "exit_status_1");
        RegistryEntry missing = verdicts.get("127.0.5.2");
        assertThat(missing.status()).as("%s", missing).isEqualTo(Status.INSTALL_FAILED);
        assertThat(missing.tags()).contains("fatal_exit_nonzero", "exit_status_127");
        assertThat(missing.commands().get(0).exitStatus())
                .as("sh -c \"echo test\" succeeded under strace")
                .isZero();
    }

    @Test
    void anUnknownHostAndAChangedKeyAreToldApartAndNeitherIsRetried() throws Exception {
        Path out = Files.createDirectories(dir.resolve("runs-unknown-key"));
        Path emptyKnownHosts = Files.writeString(dir.resolve("empty_known_hosts"), "");
        onTheFleet(out)
                .configurationParameter("lazarus.inventory.known-hosts", emptyKnownHosts.toString())
                .configurationParameter("lazarus.fleet.size", "1")
                .selectors(selectClass(RealCommands.class))
                .execute();
        RegistryEntry unknown = registry(out).finalEntryByIp().get("127.0.5.1");
        assertThat(unknown.status()).isEqualTo(Status.SSH_INITIATED_FAILED);
        assertThat(unknown.tags()).contains("host_key_unknown").noneMatch(t -> t.startsWith("ssh_attempts_"));
        assertThat(unknown.message())
                .contains(emptyKnownHosts + " (lazarus.inventory.known-hosts) has no entry for it")
                .contains("it offered ssh-ed25519 SHA256:")
                .contains("add this line: [127.0.5.1]:");
        String line = unknown.message().substring(unknown.message().indexOf("add this line: ") + 15);
        assertThat(Files.readString(sshd.knownHosts()))
                .as("the line to add is the host's real entry")
                .contains(line);

        // the same host under another key: the entry exists and differs
        Path other = dir.resolve("other_ed25519");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString())
                .start()
                .waitFor(30, TimeUnit.SECONDS);
        String otherKey = String.join(
                " ",
                Arrays.copyOf(
                        Files.readString(dir.resolve("other_ed25519.pub"))
                                .strip()
                                .split("\\s+"),
                        2));
        Path wrongKnownHosts = Files.write(
                dir.resolve("wrong_known_hosts"),
                Files.readAllLines(sshd.knownHosts()).stream()
                        .map(l -> l.split(" ")[0] + " " + otherKey)
                        .toList());
        Path changedOut = Files.createDirectories(dir.resolve("runs-changed-key"));
        onTheFleet(changedOut)
                .configurationParameter("lazarus.inventory.known-hosts", wrongKnownHosts.toString())
                .configurationParameter("lazarus.fleet.size", "1")
                .selectors(selectClass(RealCommands.class))
                .execute();
        List<JournalEvent> events = JournalReader.read(
                        Files.list(changedOut).findFirst().orElseThrow().resolve("journal.jsonl"))
                .events();
        RegistryEntry changed = Registry.replay(events).finalEntryByIp().get("127.0.5.1");
        assertThat(changed.tags()).contains("host_key_changed");
        assertThat(changed.message())
                .contains("has changed")
                .contains("possible man in the middle")
                .contains(wrongKnownHosts.toString());
        assertThat(events)
                .filteredOn(JournalEvent.GatekeeperDecision.class::isInstance)
                .singleElement()
                .satisfies(d -> assertThat(((JournalEvent.GatekeeperDecision) d).resurrect())
                        .as("a refused host key is not resurrected")
                        .isFalse());
    }

    @Test
    void fourNodesContendingForOneRealLockAllInstallAndSayTheyWaited() throws Exception {
        Path lock = dir.resolve("contended.lock");
        Files.writeString(lock, "");
        Files.setPosixFilePermissions(lock, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Path out = Files.createDirectories(dir.resolve("runs-lock"));
        onTheFleet(out)
                .configurationParameter("lazarus.vars.lock", lock.toString())
                .configurationParameter("lazarus.command.retry-pause", "200ms")
                .selectors(selectClass(ContendedLock.class))
                .execute();

        Map<String, RegistryEntry> verdicts = registry(out).finalEntryByIp();
        assertThat(verdicts)
                .hasSize(4)
                .allSatisfy((ip, e) -> assertThat(e.status()).as("%s", e).isEqualTo(Status.INSTALL_SUCCESS));
        assertThat(verdicts.values())
                .as("one took the lock at once; the others waited it out, with one try each")
                .filteredOn(e -> e.tags().contains("lock_contention"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(e -> {
                    assertThat(e.tags()).anyMatch(t -> t.matches("lock_waits_\\d+"));
                    assertThat(e.commands().get(0).tryLog())
                            .extracting(CommandRecord.Try::outcome)
                            .endsWith("success")
                            .containsOnly("lock_contention", "success");
                });
    }

    /** The processes of the login user whose command line has {@code mark}. */
    private static List<String> leftRunning(String mark) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-a", "-u", RealSshd.USER, "-f", mark)
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(pgrep.getInputStream().readAllBytes())
                .lines()
                .filter(l -> !l.contains("pgrep"))
                .toList();
        pgrep.waitFor(10, TimeUnit.SECONDS);
        return lines;
    }

    private static List<JournalEvent> journalIn(Path out) throws Exception {
        try (Stream<Path> runs = Files.list(out)) {
            return JournalReader.read(runs.filter(Files::isDirectory)
                            .findFirst()
                            .orElseThrow()
                            .resolve("journal.jsonl"))
                    .events();
        }
    }

    @Test
    void nothingIsLeftRunningAfterAStallAnOverrunOrACancellation() throws Exception {
        // a stall: the stream watchdog ends the attempt (and its resurrection)
        Path stalled = Files.createDirectories(dir.resolve("runs-stalled"));
        onTheFleet(stalled)
                .configurationParameter("lazarus.fleet.size", "1")
                .configurationParameter("lazarus.vars.mark", "lazarus-mark-stall")
                .configurationParameter("lazarus.watchdog.timeout", "1s")
                .selectors(selectClass(Silent.class))
                .execute();
        assertThat(journalIn(stalled))
                .filteredOn(JournalEvent.RemoteKill.class::isInstance)
                .hasSize(2)
                .allSatisfy(
                        k -> assertThat(((JournalEvent.RemoteKill) k).outcome()).isEqualTo("ended"));
        assertThat(leftRunning("lazarus-mark-stall")).isEmpty();

        // an overrun: the command prints for ever, the attempt's hard bound ends it
        Path overran = Files.createDirectories(dir.resolve("runs-overran"));
        onTheFleet(overran)
                .configurationParameter("lazarus.fleet.size", "1")
                .configurationParameter("lazarus.vars.mark", "lazarus-mark-overrun")
                .configurationParameter("lazarus.attempt.timeout", "2s")
                .configurationParameter("lazarus.resurrection.rounds", "0")
                .selectors(selectClass(Endless.class))
                .execute();
        RegistryEntry bound =
                Registry.replay(journalIn(overran)).finalEntryByIp().get("127.0.5.1");
        assertThat(bound.tags()).contains("harness_watchdog");
        assertThat(bound.remoteKill()).isIn("ended", "none_running");
        assertThat(leftRunning("lazarus-mark-overrun")).isEmpty();

        // a cancellation: the launcher's token, once the commands run
        Path cancelled = Files.createDirectories(dir.resolve("runs-cancelled"));
        CancellationToken token = CancellationToken.create();
        Thread canceller = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    try (Stream<Path> files = Files.walk(cancelled)) {
                        Optional<Path> journal = files.filter(
                                        f -> f.getFileName().toString().equals("journal.jsonl"))
                                .findFirst();
                        if (journal.isPresent()
                                && JournalReader.read(journal.get()).events().stream()
                                                .filter(JournalEvent.CommandStarted.class::isInstance)
                                                .count()
                                        >= 2) {
                            Thread.sleep(300); // the commands are running now
                            token.cancel();
                            return;
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                token.cancel();
            }
        });
        canceller.start();
        onTheFleet(cancelled)
                .configurationParameter("lazarus.fleet.size", "2")
                .configurationParameter("lazarus.vars.mark", "lazarus-mark-cancel")
                .cancellationToken(token)
                .selectors(selectClass(Endless.class))
                .execute();
        canceller.join(TimeUnit.SECONDS.toMillis(35));
        Map<String, RegistryEntry> verdicts =
                Registry.replay(journalIn(cancelled)).finalEntryByIp();
        assertThat(verdicts.values()).hasSize(2).allSatisfy(e -> {
            assertThat(e.tags()).contains("cancelled").doesNotContain("remote_orphan_possible");
            // a command that prints may die of its closed pipe first (SIGPIPE): then there is nothing to end
            assertThat(e.remoteKill()).isIn("ended", "none_running");
        });
        assertThat(leftRunning("lazarus-mark-cancel")).isEmpty();
    }

    @Test
    void hostFactsReadARealNodeAndFailAsTheyShould() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        HostFacts.port = freePort();
        HostFacts.closedPort = freePort();
        HostFacts.transfers = Files.createDirectories(dir.resolve("transfers"));
        Path out = Files.createDirectories(dir.resolve("runs-facts"));
        EngineExecutionResults results = onTheFleet(out)
                .configurationParameter("lazarus.fleet.size", "2")
                .configurationParameter("lazarus.vars.port", String.valueOf(HostFacts.port))
                .selectors(selectClass(HostFacts.class))
                .execute();

        Map<String, RegistryEntry> verdicts = registry(out).finalEntryByIp();
        assertThat(verdicts).hasSize(2).allSatisfy((ip, entry) -> {
            assertThat(entry.status()).as("%s", entry).isEqualTo(Status.INSTALL_SUCCESS);
            assertThat(entry.checks())
                    .extracting(CheckRecord::name, CheckRecord::outcome)
                    .containsExactly(
                            tuple("run", "passed"),
                            tuple("file", "passed"),
                            tuple("socket", "passed"),
                            tuple("http", "passed"),
                            tuple("uploadAndDownload", "passed"),
                            tuple("stopsTheServer", "passed"));
        });
        results.testEvents().assertStatistics(s -> s.failed(0).aborted(0).succeeded(2 + 2 * 6 + 3));
    }

    /** The engine on the real-sshd fleet's inventory, writing into {@code out}. */
    private static EngineTestKit.Builder onTheFleet(Path out) throws IOException {
        return EngineTestKit.engine("lazarus")
                .configurationParameter("lazarus.output.dir", out.toString())
                .configurationParameter(
                        "lazarus.inventory.file", sshd.inventory().toString())
                .configurationParameter(
                        "lazarus.inventory.known-hosts", sshd.knownHosts().toString())
                .configurationParameter("lazarus.progress.interval", "0")
                .configurationParameter("lazarus.console", "off");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.5.1"))) {
            return socket.getLocalPort();
        }
    }

    private static Registry registry(Path out) throws Exception {
        try (Stream<Path> runs = Files.list(out)) {
            Path journal =
                    runs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("journal.jsonl");
            return Registry.replay(JournalReader.read(journal).events());
        }
    }
}
