package dev.lazarus.scenarios;

import static dev.lazarus.assertj.LazarusAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstrings;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.lazarus.api.BeforeInstall;
import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.NodeInfo;
import dev.lazarus.api.RunInfo;
import dev.lazarus.api.Scenario;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.TestAbortedException;

/**
 * Node checks through the engine on the embedded fleet: the tree (node → checks), the statuses, aborted checks after
 * a failed install, a method selector running one check, parameter resolution, variables, {@code become}, and
 * {@code @BeforeInstall} with SFTP.
 */
class NodeChecksTest {

    /** Tomcat's install and the main job's two checks, on three nodes. */
    @Scenario(
            fleetSize = 3,
            commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    static class Tomcat3 extends TomcatInstallScenario {}

    @TempDir
    Path out;

    private EngineExecutionResults run(DiscoverySelector selector, String... keyValues) {
        return Runs.execute(out, selector, keyValues);
    }

    private RegistryEntry entryOf(String ip) throws IOException {
        return Runs.registry(out).finalEntryByIp().get(ip);
    }

    private static List<Event> checkTests(EngineExecutionResults results) {
        return results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("check "))
                .toList();
    }

    @Test
    void eachCheckIsADynamicTestUnderItsNodeWithTheMethodAsItsSource() {
        EngineExecutionResults results = run(selectClass(Tomcat3.class));

        // 3 node tests, 6 checks, 3 verdicts
        results.testEvents()
                .assertStatistics(s -> s.started(12).succeeded(12).failed(0).aborted(0));
        assertThat(checkTests(results)).hasSize(6).allSatisfy(e -> {
            TestDescriptor check = e.getTestDescriptor();
            TestDescriptor node = check.getParent().orElseThrow();
            assertThat(node.getType()).isEqualTo(TestDescriptor.Type.CONTAINER_AND_TEST);
            assertThat(node.getDisplayName()).matches("node 127\\.0\\.1\\.[123]: attempt 1");
            assertThat(check.getUniqueId().toString())
                    .matches(".*\\[node:127\\.0\\.1\\.[123]]/\\[check:(tomcatServes|packageAndConfig)]");
            MethodSource source = (MethodSource) check.getSource().orElseThrow();
            assertThat(source.getClassName()).isEqualTo(Tomcat3.class.getName());
            assertThat(source.getMethodParameterTypes()).isEqualTo(Host.class.getName());
            assertThat(check.getLegacyReportingName()).matches("node 127\\.0\\.1\\.[123]: check \\w+");
        });
        // on every node, in declaration order
        for (String ip : List.of("127.0.1.1", "127.0.1.2", "127.0.1.3")) {
            assertThat(results.testEvents().started().stream()
                            .map(e -> e.getTestDescriptor().getUniqueId().toString())
                            .filter(id -> id.contains("[node:" + ip + "]/[check:"))
                            .toList())
                    .containsExactly(
                            Runs.checkId(Tomcat3.class, ip, "tomcatServes"),
                            Runs.checkId(Tomcat3.class, ip, "packageAndConfig"));
        }
    }

    @Test
    void aFailedCheckMakesTheNodeCheckFailedAndNamesTheFactAndTheCommand() throws Exception {
        EngineExecutionResults results =
                run(selectClass(Tomcat3.class), "lazarus.embedded.behaviours", "2=port-closed@8080");

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("check tomcatServes"),
                                uniqueIdSubstrings("127.0.1.2"),
                                finishedWithFailure(
                                        instanceOf(AssertionError.class),
                                        message(m -> m.contains(
                                                        "on node 127.0.1.2: expected socket tcp://0.0.0.0:8080 to be "
                                                                + "listening, but the tcp listeners are [0.0.0.0:22]")
                                                && m.contains("read by `ss -Hltn` on 127.0.1.2 → exit 0")))))
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("check packageAndConfig"),
                                uniqueIdSubstrings("127.0.1.2"),
                                finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("node 127.0.1.2: attempt 1"),
                                finishedWithFailure(message(m -> m.startsWith(
                                        "check_failed [check_failed, check_tomcatServes]: check tomcatServes failed: on "
                                                + "node 127.0.1.2")))));
        results.testEvents().assertStatistics(s -> s.failed(2).succeeded(10));

        RegistryEntry entry = entryOf("127.0.1.2");
        assertThat(entry.status()).isEqualTo(Status.CHECK_FAILED);
        assertThat(entry.tags()).containsExactly("check_failed", "check_tomcatServes");
        assertThat(entry.checks())
                .extracting(CheckRecord::name, CheckRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tomcatServes", "failed"),
                        org.assertj.core.groups.Tuple.tuple("packageAndConfig", "passed"));
        assertThat(entry.checks().get(0).facts())
                .extracting(f -> f.fact())
                .containsExactly("service tomcat10", "socket tcp://0.0.0.0:8080");
        assertThat(Files.readAllLines(Runs.runDir(out).resolve("failed_registry_ips_artifact.log")))
                .containsExactly("127.0.1.2");
        assertThat(Runs.events(out))
                .filteredOn(e -> e instanceof JournalEvent.GatekeeperDecision d
                        && d.publicIp().equals("127.0.1.2"))
                .singleElement()
                .satisfies(e -> {
                    JournalEvent.GatekeeperDecision d = (JournalEvent.GatekeeperDecision) e;
                    assertThat(d.resurrect())
                            .as("check_failed is not resurrected")
                            .isFalse();
                    assertThat(d.reason()).startsWith("check_failed");
                });
    }

    /** A check that throws something other than an assertion error: the check is an error, the node check_failed. */
    @Scenario(fleetSize = 2, commands = "apt-get update")
    static class BrokenCheck {
        @NodeCheck
        static void readsAFactNobodyHas(Host host) {
            host.socket("localhost:8080"); // not tcp://host:port
        }
    }

    @Test
    void aCheckThatThrowsIsACheckError() throws Exception {
        EngineExecutionResults results = run(selectClass(BrokenCheck.class));

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        2,
                        event(
                                test(),
                                displayName("check readsAFactNobodyHas"),
                                finishedWithFailure(instanceOf(IllegalArgumentException.class))));
        RegistryEntry entry = entryOf("127.0.1.1");
        assertThat(entry.status()).isEqualTo(Status.CHECK_FAILED);
        assertThat(entry.tags()).containsExactly("check_failed", "check_readsAFactNobodyHas", "check_error");
        assertThat(entry.checks())
                .singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("error"));
    }

    /** The facts the main job does not read, on what the simulated install left. */
    @Scenario(
            fleetSize = 2,
            commands = {"apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    static class MoreFacts {
        @NodeCheck
        void usersProcessesAndFileMetadata(Host host) {
            assertThat(host.user("tomcat"))
                    .exists()
                    .hasUid(997)
                    .hasHome("/var/lib/tomcat")
                    .belongsTo("tomcat");
            assertThat(host.user("nobody-here")).doesNotExist();
            assertThat(host.process("catalina\\.startup\\.Bootstrap"))
                    .isRunning()
                    .hasCount(1);
            assertThat(host.process("nginx")).isNotRunning();
            assertThat(host.file("/etc/tomcat10/server.xml"))
                    .isOwnedBy("root")
                    .hasGroup("tomcat")
                    .hasMode("640");
            assertThat(host.file("/etc/tomcat10")).isDirectory();
            assertThat(host.http("http://localhost:8080/")).hasHeader("Content-Type", "text/html;charset=UTF-8");
        }

        @NodeCheck
        void aPackage(Host host) {
            assertThat(host.pkg("tomcat10")).hasVersion("10.1.6-1");
            assertThat(host.pkg("nginx")).isNotInstalled();
        }
    }

    @Test
    void factsAMissingToolCannotReadNameTheTools() throws Exception {
        EngineExecutionResults results =
                run(selectClass(MoreFacts.class), "lazarus.embedded.behaviours", "2=missing@dpkg-query");

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("check aPackage"),
                                uniqueIdSubstrings("127.0.1.2"),
                                finishedWithFailure(
                                        instanceOf(dev.lazarus.api.MissingToolException.class),
                                        message("package tomcat10 cannot be read on 127.0.1.2: none of dpkg-query, "
                                                + "rpm is installed"))));
        assertThat(entryOf("127.0.1.2").tags()).containsExactly("check_failed", "check_aPackage", "check_error");
        assertThat(entryOf("127.0.1.1").status()).isEqualTo(Status.INSTALL_SUCCESS);
        results.testEvents().assertStatistics(s -> s.failed(2).succeeded(3 + 1 + 3));
    }

    @Test
    void whenTheInstallFailsItsChecksAreAborted() throws Exception {
        EngineExecutionResults results = run(
                selectClass(Tomcat3.class),
                "lazarus.embedded.behaviours",
                "3=stderr-failure@apt-get install",
                "lazarus.command.tries",
                "1");

        List<Event> aborted = results.testEvents().aborted().stream().toList();
        assertThat(aborted)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getTestDescriptor().getUniqueId().toString())
                        .contains("[node:127.0.1.3]/[check:"));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        2,
                        event(
                                test(),
                                uniqueIdSubstrings("127.0.1.3"),
                                abortedWithReason(
                                        instanceOf(TestAbortedException.class),
                                        message(m -> m.startsWith("install did not succeed: install_failed")))));
        assertThat(entryOf("127.0.1.3").checks()).isEmpty();
        assertThat(entryOf("127.0.1.1").checks()).hasSize(2);
    }

    @Test
    void aMethodSelectorRunsTheInstallAndThatCheckOnEveryNode() throws Exception {
        EngineExecutionResults results = run(selectMethod(Tomcat3.class, "packageAndConfig", Host.class.getName()));

        assertThat(checkTests(results))
                .hasSize(3)
                .allSatisfy(
                        e -> assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("check packageAndConfig"));
        results.testEvents().assertStatistics(s -> s.failed(0).succeeded(3 + 3 + 3));
        assertThat(entryOf("127.0.1.1").commands()).hasSize(3);
        assertThat(entryOf("127.0.1.1").checks()).extracting(CheckRecord::name).containsExactly("packageAndConfig");
    }

    @Test
    void aChecksUniqueIdRunsThatCheckOnThatNode() throws Exception {
        EngineExecutionResults results = run(selectUniqueId(Runs.checkId(Tomcat3.class, "127.0.1.2", "tomcatServes")));

        assertThat(checkTests(results))
                .singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor().getUniqueId().toString())
                        .isEqualTo(Runs.checkId(Tomcat3.class, "127.0.1.2", "tomcatServes")));
        assertThat(Runs.registry(out).finalEntryByIp()).containsOnlyKeys("127.0.1.2");
    }

    /** What a check method may take, and that one scenario instance serves one attempt, in declaration order. */
    @Scenario(fleetSize = 2, commands = "echo ${node.ip} ${node.index} ${run.id} ${lazarus.vars.greeting} $HOME")
    static class Parameters {
        private String seenBy;

        @NodeCheck
        void first(Host host, NodeInfo node, RunInfo run) {
            assertThat(node.ip()).isEqualTo(host.ip());
            assertThat(node.index()).isEqualTo(host.index()).isBetween(1, 2);
            assertThat(node.instanceId()).isNotBlank();
            assertThat(run.runDir().getFileName().toString()).isEqualTo(run.runId());
            assertThat(run.scenario()).isEqualTo("Parameters");
            assertThat(run.shard()).isEqualTo("1/1");
            seenBy = node.ip();
        }

        @NodeCheck
        void second(NodeInfo node) {
            assertThat(seenBy).as("the same instance ran first() on this node").isEqualTo(node.ip());
        }

        @NodeCheck
        static void staticToo(Host host) {
            assertThat(host.run("hostname")).succeeded().stdoutContains("node-127-0-1-");
        }
    }

    @Test
    void checksGetTheHostTheNodeAndTheRunAndCommandsGetTheirVariables() throws Exception {
        EngineExecutionResults results = run(selectClass(Parameters.class), "lazarus.vars.greeting", "hello");

        results.testEvents().assertStatistics(s -> s.failed(0).succeeded(2 + 6 + 3));
        String runId = Runs.runDir(out).getFileName().toString();
        RegistryEntry second = entryOf("127.0.1.2");
        assertThat(second.commands().get(0).command()).isEqualTo("echo 127.0.1.2 2 " + runId + " hello $HOME");
        assertThat(Runs.events(out))
                .filteredOn(JournalEvent.RunStarted.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((JournalEvent.RunStarted) e).commands())
                        .containsExactly("echo ${node.ip} ${node.index} ${run.id} hello $HOME"));
    }

    @Scenario(fleetSize = 1, commands = "echo ${node.hostname}")
    static class UnknownVariable {}

    @Scenario(fleetSize = 1, commands = "echo ${lazarus.vars.missing}")
    static class UnsetVariable {}

    @Test
    void anUnknownOrUnsetVariableFailsDiscoveryNamingIt() {
        run(selectClass(UnknownVariable.class))
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(UnknownVariable.class),
                                finishedWithFailure(message(m -> m.contains("uses ${node.hostname}, which is not a "
                                        + "variable; known: [node.index, node.ip, node.private_ip, run.id]")))));
        run(selectClass(UnsetVariable.class))
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(UnsetVariable.class),
                                finishedWithFailure(message(m -> m.contains("uses ${lazarus.vars.missing}, which is "
                                        + "not set; give -Dlazarus.vars.missing=")))));
    }

    @Scenario(fleetSize = 2, become = true, commands = "apt-get update")
    static class Become {
        @NodeCheck
        void factsRunAsRootToo(Host host) {
            assertThat(host.run("id -un")).succeeded();
        }
    }

    @Test
    void becomeRunsCommandsAndFactsThroughSudoAndANodeThatWantsAPasswordIsBecomeFailed() throws Exception {
        EngineExecutionResults results =
                run(selectClass(Become.class), "lazarus.embedded.behaviours", "2=sudo-password");

        RegistryEntry refused = entryOf("127.0.1.2");
        assertThat(refused.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(refused.tags()).contains("become_failed", "fatal_exit_nonzero");
        assertThat(refused.commands().get(0).tries())
                .as("a refused sudo is not retried")
                .isEqualTo(1);
        assertThat(refused.commands().get(0).stderr()).containsExactly("sudo: a password is required");
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("check factsRunAsRootToo"),
                                uniqueIdSubstrings("127.0.1.2"),
                                abortedWithReason()));

        RegistryEntry ok = entryOf("127.0.1.1");
        assertThat(ok.status()).isEqualTo(Status.INSTALL_SUCCESS);
        assertThat(ok.checks().get(0).facts()).extracting(f -> f.command()).containsExactly("sudo -n sh -c 'id -un'");

        // lazarus.become overrides the annotation, and says what it accepts
        run(selectClass(Become.class), "lazarus.become", "root")
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(Become.class),
                                finishedWithFailure(message(m ->
                                        m.contains("lazarus.become='root' is not allowed; give sudo or " + "none")))));
    }

    /** Uploads a file before the install, reads it back as a fact and over SFTP after it. */
    @Scenario(fleetSize = 2, commands = "apt-get update")
    static class Uploads {
        static Path local;
        static Path downloads;

        @BeforeInstall
        void configure(Host host) throws IOException {
            host.upload(local, "/srv/tomcat/server.xml");
        }

        @NodeCheck
        void theUploadIsThere(Host host) throws IOException {
            assertThat(host.file("/srv/tomcat/server.xml"))
                    .isFile()
                    .contains("port=\"9090\"")
                    .isOwnedBy("lazarus");
            Path back = downloads.resolve(host.ip() + ".xml");
            host.download("/srv/tomcat/server.xml", back);
            assertThat(back).hasSameTextualContentAs(local);
        }
    }

    @Test
    void beforeInstallUploadsOverSftpWhereTheChecksReadThem(@TempDir Path files) throws Exception {
        Uploads.local =
                Files.writeString(files.resolve("server.xml"), "<Connector port=\"9090\"/>\n", StandardCharsets.UTF_8);
        Uploads.downloads = Files.createDirectories(files.resolve("downloads"));

        EngineExecutionResults results = run(selectClass(Uploads.class));

        results.testEvents().assertStatistics(s -> s.failed(0).succeeded(2 + 2 + 3));
        RegistryEntry entry = entryOf("127.0.1.1");
        assertThat(entry.checks())
                .extracting(CheckRecord::phase, CheckRecord::name, CheckRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("before_install", "configure", "passed"),
                        org.assertj.core.groups.Tuple.tuple("check", "theUploadIsThere", "passed"));
        assertThat(entry.checks().get(0).facts())
                .singleElement()
                .satisfies(f -> assertThat(f.command()).startsWith("sftp put ").endsWith(" /srv/tomcat/server.xml"));
    }

    @Scenario(fleetSize = 1, commands = "apt-get update")
    static class FailingBeforeInstall {
        @BeforeInstall
        static void configure(Host host) throws IOException {
            host.upload(Path.of("no-such-file.xml"), "/srv/x.xml");
        }

        @NodeCheck
        static void never(Host host) {}
    }

    @Test
    void aBeforeInstallThatFailsEndsTheAttemptBeforeAnyCommand() throws Exception {
        EngineExecutionResults results = run(selectClass(FailingBeforeInstall.class));

        RegistryEntry entry = entryOf("127.0.1.1");
        assertThat(entry.status()).isEqualTo(Status.INSTALL_FAILED);
        assertThat(entry.tags()).startsWith("install_failed", "before_install_failed", "before_install_configure");
        assertThat(entry.commands()).isEmpty();
        assertThat(entry.message()).startsWith("@BeforeInstall configure failed: ");
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), displayName("check never"), abortedWithReason()));
    }
}
