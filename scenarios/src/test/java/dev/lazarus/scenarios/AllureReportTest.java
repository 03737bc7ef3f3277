package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Inject;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalEvent.InjectionPlanned;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.reports.RegistryArtifacts;
import dev.lazarus.reports.ResurrectionArtifacts;
import dev.lazarus.reports.allure.AllureReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The Allure results a run writes, read back as files, and the rendered report checked in headless Chromium. */
class AllureReportTest {

    @Scenario(
            fleetSize = 24,
            commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    @Inject(fault = "GHOST", count = 2)
    @Inject(fault = "STDERR_FAILURE", count = 2)
    @Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 1)
    @Inject(fault = "STALL", count = 1)
    @Inject(fault = "SILENT_FAILURE", count = 1)
    static class Faulty {}

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private List<JsonNode> results(Path dir) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("-result.json"))
                    .toList()) {
                all.add(JSON.readTree(f.toFile()));
            }
        }
        return all;
    }

    /** A result without what differs between two writings of it (its uuid, its attachments' file names). */
    private static String canonical(JsonNode result) {
        JsonNode copy = result.deepCopy();
        strip(copy);
        return copy.toString();
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove(List.of("uuid", "source"));
        }
        node.forEach(AllureReportTest::strip);
    }

    /** Every attachment file the results refer to. */
    private static List<String> sources(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.has("source")) {
            found.add(node.get("source").asText());
        }
        node.forEach(child -> found.addAll(sources(child)));
        return found;
    }

    private static List<String> attachmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.contains("-attachment."))
                    .toList();
        }
    }

    private static JsonNode byName(List<JsonNode> results, String name) {
        return results.stream()
                .filter(r -> r.get("name").asText().strip().equals(name)) // past the IP's sort prefix
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result named " + name));
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode l : result.get("labels")) {
            if (l.get("name").asText().equals(name)) {
                return l.get("value").asText();
            }
        }
        return null;
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.get("labels").forEach(l -> {
            if (l.get("name").asText().equals(name)) {
                values.add(l.get("value").asText());
            }
        });
        return values;
    }

    private static String injected(List<JournalEvent> events, String fault) {
        return events.stream()
                .filter(InjectionPlanned.class::isInstance)
                .map(InjectionPlanned.class::cast)
                .filter(p -> p.fault().equals(fault))
                .map(InjectionPlanned::publicIp)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyAttemptAndVerdictIsAnAllureResultWithStepsLabelsAttachmentsAndLineage() throws Exception {
        Runs.execute(out, selectClass(Faulty.class), "lazarus.watchdog.timeout", "3s");
        Path run = Runs.runDir(out);
        Path dir = run.resolve(AllureReport.RESULTS);
        List<JsonNode> results = results(dir);
        List<JournalEvent> events = Runs.events(out);

        // 24 first attempts + 4 resurrected (ghosts, crash, stall) + 3 verdicts + the injection matrix
        assertThat(results).hasSize(24 + 4 + 3 + 1);

        String failedIp = injected(events, "STDERR_FAILURE");
        JsonNode failed = byName(results, "node " + failedIp + ": attempt 1");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/statusDetails/message").asText()).startsWith("install_failed [install_failed");
        assertThat(label(failed, "host").strip()).isEqualTo(failedIp);
        assertThat(label(failed, "thread")).isNotBlank();
        assertThat(label(failed, "parentSuite")).isEqualTo("Faulty");
        assertThat(label(failed, "suite")).isEqualTo("shard 1/1");
        assertThat(labels(failed, "tag")).contains("install_failed", "fatal_exit_nonzero", "exit_status_1");
        assertThat(failed.get("parameters"))
                .extracting(p -> p.get("name").asText())
                .contains("IP", "shard", "attempt", "control plane");
        JsonNode steps = failed.get("steps");
        assertThat(steps)
                .extracting(s -> s.get("name").asText())
                .containsExactly("ssh connect", "apt-get update", "apt-get install -y tomcat10");
        JsonNode install = steps.get(2);
        assertThat(install.get("status").asText()).isEqualTo("failed");
        assertThat(install.get("parameters")).anySatisfy(p -> {
            assertThat(p.get("name").asText()).isEqualTo("exit code");
            assertThat(p.get("value").asText()).isEqualTo("1");
        });
        JsonNode stderr = null;
        for (JsonNode a : install.get("attachments")) {
            if (a.get("name").asText().startsWith("stderr")) {
                stderr = a;
            }
        }
        assertThat(stderr).as("stderr attached").isNotNull();
        assertThat(Files.readString(dir.resolve(stderr.get("source").asText())))
                .contains("E: simulated failure on node " + failedIp);
        assertThat(steps.get(1).get("attachments"))
                .extracting(a -> a.get("name").asText())
                .containsExactly("stdout (tail)");

        // the status mapping: harness-side ends are broken, classified failures failed
        String silentIp = injected(events, "SILENT_FAILURE");
        assertThat(byName(results, "node " + silentIp + ": attempt 1")
                        .get("status")
                        .asText())
                .isEqualTo("failed");
        String crashIp = injected(events, "FORCE_TOMCAT_FAIL_IDX1");
        JsonNode crash = byName(results, "node " + crashIp + ": attempt 1");
        assertThat(crash.get("status").asText()).isEqualTo("broken");
        assertThat(labels(crash, "tag")).contains("synthetic_crash_idx_1", "gatekeeper_resurrect", "superseded");
        String stallIp = injected(events, "STALL");
        assertThat(byName(results, "node " + stallIp + ": attempt 2")
                        .get("status")
                        .asText())
                .isEqualTo("broken");
        String ghostIp = injected(events, "GHOST");
        JsonNode ghost = byName(results, "node " + ghostIp + ": attempt 1");
        assertThat(ghost.get("status").asText()).isEqualTo("broken");
        assertThat(ghost.at("/statusDetails/message").asText())
                .startsWith("ghost: ")
                .contains("connected");

        // lineage: the resurrected attempt links back, and both share the history id (Allure shows a retry)
        JsonNode second = byName(results, "node " + crashIp + ": attempt 2");
        assertThat(second.get("status").asText()).isEqualTo("passed");
        assertThat(second.get("links"))
                .extracting(l -> l.get("name").asText())
                .containsExactly("previous attempt: node " + crashIp + ": attempt 1");
        assertThat(crash.get("links"))
                .extracting(l -> l.get("name").asText())
                .containsExactly("superseded by: node " + crashIp + ": attempt 2");
        assertThat(second.get("historyId").asText())
                .isEqualTo(crash.get("historyId").asText())
                .isNotEqualTo(failed.get("historyId").asText());
        assertThat(second.get("testCaseId").asText())
                .isEqualTo(crash.get("testCaseId").asText());

        // written as attempts finished, the superseded ones rewritten at the end: no file is left over
        assertThat(attachmentFiles(dir))
                .as("every attachment file belongs to a result")
                .containsExactlyInAnyOrderElementsOf(
                        results.stream().flatMap(r -> sources(r).stream()).toList());

        // verdicts with their evidence
        JsonNode invariant = byName(results, "verdict: accounting invariant");
        assertThat(invariant.get("status").asText()).isEqualTo("passed");
        assertThat(invariant.get("attachments"))
                .extracting(a -> a.get("name").asText())
                .contains("arithmetic", "run_summary.json", "final_aggregate_execution_run_registry.json");
        assertThat(byName(results, "verdict: ghosts").get("attachments"))
                .extracting(a -> a.get("name").asText())
                .contains("ghosts with their last lifecycle event", "aggregate_ghost_detail.json");
        assertThat(byName(results, "verdict: injection matrix").get("status").asText())
                .isEqualTo("passed");

        // categories, environment; no executor outside CI
        JsonNode categories = JSON.readTree(dir.resolve("categories.json").toFile());
        assertThat(categories)
                .extracting(c -> c.get("name").asText())
                .contains(
                        "Ghosts",
                        "Silent failures (stub)",
                        "Watchdog timeouts",
                        "SSH failures",
                        "Synthetic crashes (injected)",
                        "Install failures",
                        "Control-plane throttling");
        Properties env = new Properties();
        try (var in = Files.newInputStream(dir.resolve("environment.properties"))) {
            env.load(in);
        }
        assertThat(env)
                .containsEntry("control_plane", "embedded")
                .containsEntry("fleet_size", "24")
                .containsEntry("shard", "1/1")
                .containsKey("jdk")
                .containsEntry("watchdog_timeout_seconds", "3");
        // on a local run the executor says the machine and the run
        assertThat(Files.readString(dir.resolve("executor.json")))
                .contains("\"type\" : \"local\"", "\"buildName\" : \"" + run.getFileName() + "\"");

        // in a GitLab job the executor is filled from its variables (a rebuild from the journal, as the report command
        // does)
        RunReplay replay = RunReplay.of(run.resolve("journal.jsonl"));
        new AllureReport(Map.of(
                        "CI_JOB_ID",
                        "4711",
                        "CI_JOB_NAME",
                        "fleet: [3/4]",
                        "CI_PIPELINE_IID",
                        "42",
                        "CI_JOB_URL",
                        "https://gitlab.example/jobs/4711",
                        "CI_SERVER_URL",
                        "https://gitlab.example"))
                .runFinished(replay.context(), replay.result());
        JsonNode executor = JSON.readTree(dir.resolve("executor.json").toFile());
        assertThat(executor.get("type").asText()).isEqualTo("gitlab");
        assertThat(executor.get("buildName").asText()).isEqualTo("fleet: [3/4] #4711");
        assertThat(executor.get("buildOrder").asText()).isEqualTo("42");
        assertThat(results(dir))
                .as("a rebuild replaces the results, it does not add to them")
                .hasSize(results.size());
        assertThat(results(dir).stream().map(AllureReportTest::canonical).toList())
                .as("the results written during the run are those a rebuild from the journal writes")
                .containsExactlyInAnyOrderElementsOf(
                        results.stream().map(AllureReportTest::canonical).toList());
    }

    /** The main job's checks on four nodes: one keeps port 8080 closed. */
    @Scenario(
            fleetSize = 4,
            commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
    static class Checked extends TomcatInstallScenario {}

    @Test
    void eachCheckIsAStepWithItsHostFactsAsSubStepsAndTheirOutputAttached() throws Exception {
        Runs.execute(out, selectClass(Checked.class), "lazarus.embedded.behaviours", "3=port-closed@8080");
        Path dir = Runs.runDir(out).resolve(AllureReport.RESULTS);
        List<JsonNode> results = results(dir);

        JsonNode closed = byName(results, "node 127.0.1.3: attempt 1");
        assertThat(closed.get("status").asText()).isEqualTo("failed");
        assertThat(closed.at("/statusDetails/message").asText())
                .startsWith("check_failed [check_failed, check_tomcatServes]: check tomcatServes failed: ");
        assertThat(labels(closed, "tag")).contains("check_failed", "check_tomcatServes");
        JsonNode steps = closed.get("steps");
        assertThat(steps)
                .extracting(s -> s.get("name").asText())
                .containsExactly(
                        "ssh connect",
                        "apt-get update",
                        "apt-get install -y tomcat10",
                        "systemctl enable --now tomcat10",
                        "check tomcatServes",
                        "check packageAndConfig");
        JsonNode serves = steps.get(4);
        assertThat(serves.get("status").asText()).isEqualTo("failed");
        assertThat(serves.at("/statusDetails/message").asText())
                .contains("expected socket tcp://0.0.0.0:8080 to be listening")
                .contains("read by `ss -Hltn`");
        assertThat(serves.get("steps"))
                .extracting(s -> s.get("name").asText())
                .containsExactly("service tomcat10", "socket tcp://0.0.0.0:8080");
        JsonNode socket = serves.get("steps").get(1);
        assertThat(socket.get("parameters")).anySatisfy(p -> {
            assertThat(p.get("name").asText()).isEqualTo("command");
            assertThat(p.get("value").asText()).isEqualTo("ss -Hltn");
        });
        JsonNode listeners = socket.get("attachments").get(0);
        assertThat(listeners.get("name").asText()).isEqualTo("stdout");
        assertThat(Files.readString(dir.resolve(listeners.get("source").asText())))
                .contains("0.0.0.0:22")
                .doesNotContain("8080");
        // a check that passed keeps its facts' output in one transcript
        JsonNode config = steps.get(5);
        assertThat(config.get("status").asText()).isEqualTo("passed");
        assertThat(config.get("steps"))
                .extracting(s -> s.get("name").asText())
                .containsExactly("package tomcat10", "file /etc/tomcat10/server.xml", "run");
        assertThat(config.get("steps"))
                .allSatisfy(f -> assertThat(f.get("attachments")).isEmpty());
        JsonNode transcript = config.get("attachments").get(0);
        assertThat(transcript.get("name").asText()).isEqualTo("host facts");
        assertThat(Files.readString(dir.resolve(transcript.get("source").asText())))
                .contains("$ dpkg-query -W -f='${Status}|${Version}\\n' -- 'tomcat10'")
                .contains("install ok installed|10.1.6-1")
                .contains("<Connector port=\"8080\"")
                .contains("$ id -u tomcat");

        JsonNode fine = byName(results, "node 127.0.1.1: attempt 1");
        assertThat(fine.get("status").asText()).isEqualTo("passed");
        assertThat(fine.get("steps"))
                .filteredOn(s -> s.get("name").asText().startsWith("check "))
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.get("status").asText()).isEqualTo("passed"));
        assertThat(attachmentFiles(dir))
                .containsExactlyInAnyOrderElementsOf(
                        results.stream().flatMap(r -> sources(r).stream()).toList());
        assertThat(JSON.readTree(dir.resolve("categories.json").toFile())).anySatisfy(c -> {
            assertThat(c.get("name").asText()).isEqualTo("Check failures");
            assertThat(closed.at("/statusDetails/message").asText())
                    .matches(c.get("messageRegex").asText());
        });
    }

    @Test
    void theRunRendersAndPublishesItsReportWhichShowsTotalsGhostsAndANodesStepsInHeadlessChromium() throws Exception {
        EngineExecutionResults results = Runs.execute(
                out,
                selectClass(Faulty.class),
                "lazarus.watchdog.timeout",
                "3s",
                "lazarus.resurrection.rounds",
                "0",
                AllureReport.RENDER,
                "true",
                AllureReport.CLI,
                System.getProperty(AllureReport.CLI));
        Path run = Runs.runDir(out);
        Path report = run.resolve(AllureReport.REPORT);
        assertThat(report.resolve("index.html")).isNotEmptyFile();
        assertThat(Runs.notReadable(run))
                .as("every file of the run, the rendered report's too, is 0644")
                .isEmpty();
        assertThat(results.allEvents().fileEntryPublished().stream().map(e -> e.getRequiredPayload(FileEntry.class)))
                .as("the rendered report is published on the scenario")
                .anySatisfy(f -> {
                    assertThat(f.getPath()).isEqualTo(report.resolve("index.html"));
                    assertThat(f.getMediaType()).contains("text/html");
                });

        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            // .ci/run installs it; outside CI the browser check is skipped with the reason
            Assumptions.assumeTrue(
                    System.getenv("CI") != null,
                    "Chromium is not installed (apt-get install chromium); .ci/run installs it");
            throw new AssertionError("Chromium is not installed at " + chromium);
        }
        String failedIp = injected(Runs.events(out), "STDERR_FAILURE");
        String uid = null;
        try (Stream<Path> cases = Files.list(report.resolve("data/test-cases"))) {
            for (Path c : cases.toList()) {
                JsonNode tc = JSON.readTree(c.toFile());
                if (tc.get("name").asText().strip().equals("node " + failedIp + ": attempt 1")) {
                    uid = tc.get("uid").asText();
                }
            }
        }
        assertThat(uid).isNotNull();

        Path shots = Files.createDirectories(Path.of("target", "allure-browser-checks"));
        HttpServer server = serve(report);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html";
            String overview = Browser.text(chromium, base + "#", shots.resolve("overview.png"));
            // 24 nodes + 3 verdicts + the injection matrix
            assertThat(overview).contains("28 test cases");

            String categories = Browser.text(chromium, base + "#categories", shots.resolve("categories.png"));
            assertThat(categories)
                    .containsPattern("Ghosts 2 ghost: ")
                    .containsPattern("Install failures 2 install_failed");
            String crashIp = injected(Runs.events(out), "FORCE_TOMCAT_FAIL_IDX1");
            assertThat(categories.split("node " + crashIp + ": attempt 1", -1))
                    .as("the injected crash is listed once: "
                            + "under synthetic crashes, not also under install failures")
                    .hasSize(2);
            assertThat(categories)
                    .contains(
                            "Install failures",
                            "Watchdog timeouts",
                            "Synthetic crashes (injected)",
                            "Silent failures (stub)");

            String node = Browser.text(chromium, base + "#testresult/" + uid, shots.resolve("node.png"));
            assertThat(node)
                    .contains(
                            "node " + failedIp + ": attempt 1",
                            "ssh connect",
                            "apt-get update",
                            "apt-get install -y tomcat10",
                            "stderr (not whitelisted)",
                            "E: simulated failure on node " + failedIp);
        } finally {
            server.stop(0);
        }
        assertThat(shots.resolve("categories.png")).isNotEmptyFile();
    }

    @Test
    void theFleetWidgetShowsTheRunSummaryAndTheFleetTabEveryNodeInNumericOrderAfterGhostsWereResurrected()
            throws Exception {
        Runs.execute(
                out,
                selectClass(Faulty.class),
                "lazarus.watchdog.timeout",
                "3s",
                AllureReport.RENDER,
                "true",
                AllureReport.CLI,
                System.getProperty(AllureReport.CLI));
        Path run = Runs.runDir(out);
        JsonNode summary = JSON.readTree(run.resolve(RegistryArtifacts.SUMMARY).toFile());
        JsonNode ghostDetail =
                JSON.readTree(run.resolve(ResurrectionArtifacts.GHOST_DETAIL).toFile());
        List<String> gold = Files.readAllLines(run.resolve(RegistryArtifacts.GOLD_LIST));
        // the run this check is about: two ghosts, both resurrected, none left
        assertThat(ghostDetail)
                .hasSize(2)
                .allSatisfy(g -> assertThat(g.get("resurrected").asBoolean()).isTrue());
        assertThat(summary.get("ghosts")).isEmpty();
        assertThat(gold).hasSize(24).contains("127.0.1.9", "127.0.1.10");
        assertThat(gold.indexOf("127.0.1.9")).isLessThan(gold.indexOf("127.0.1.10"));
        assertThat(summary.get("wall_over_ideal").asDouble()).isPositive();

        // the run's artifacts travel with its results, for the plugin to read at `allure generate` time
        Path results = run.resolve(AllureReport.RESULTS);
        JsonNode fleetFile = JSON.readTree(
                results.resolve("lazarus-fleet-" + summary.get("run_id").asText() + ".json")
                        .toFile());
        assertThat(fleetFile.get("summary")).isEqualTo(summary);
        Path report = run.resolve(AllureReport.REPORT);
        assertThat(report.resolve("widgets/lazarus-fleet.json")).isNotEmptyFile();
        assertThat(report.resolve("plugin/lazarus-fleet/index.js")).isNotEmptyFile();

        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            Assumptions.assumeTrue(
                    System.getenv("CI") != null,
                    "Chromium is not installed (apt-get install chromium); .ci/run installs it");
            throw new AssertionError("Chromium is not installed at " + chromium);
        }
        Path shots = Files.createDirectories(Path.of("target", "allure-browser-checks"));
        HttpServer server = serve(report);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html";

            // the widget's numbers are run_summary.json's
            String overview = Browser.domWhen(chromium, base + "#", "data-lazarus-fleet=\"ready\"");
            Map<String, String> shown = attributes(overview, "data-fleet=\"([a-z-]+)\" data-value=\"([^\"]*)\"");
            assertThat(shown)
                    .containsEntry("gold", summary.get("gold").asText())
                    .containsEntry(
                            "with-verdict", summary.get("with_final_entry").asText())
                    .containsEntry(
                            "ghosts-now", String.valueOf(summary.get("ghosts").size()))
                    .containsEntry("ghosts-ever", String.valueOf(ghostDetail.size()))
                    .containsEntry("resurrected", "2")
                    .containsEntry(
                            "untraceable",
                            String.valueOf(summary.get("untraceable").size()))
                    .containsEntry(
                            "invariant-holds", summary.get("invariant_holds").asText());
            assertThat(Double.parseDouble(shown.get("throughput")))
                    .isCloseTo(summary.get("throughput_nodes_per_min").asDouble(), within(1e-9));
            assertThat(Double.parseDouble(shown.get("wall-over-ideal")))
                    .isCloseTo(summary.get("wall_over_ideal").asDouble(), within(1e-9));
            assertThat(Double.parseDouble(shown.get("wall-seconds")))
                    .isCloseTo(summary.get("wall_seconds").asDouble(), within(1e-9));
            assertThat(Double.parseDouble(shown.get("ideal-seconds")))
                    .isCloseTo(summary.get("ideal_seconds").asDouble(), within(1e-9));
            assertThat(unescape(first(overview, "<code data-fleet=\"invariant\">([^<]*)</code>")))
                    .isEqualTo(summary.get("invariant").asText());
            Map<String, String> expectedStatuses = new java.util.LinkedHashMap<>();
            summary.get("statuses").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    expectedStatuses.put(e.getKey(), e.getValue().asText());
                }
            });
            assertThat(attributes(overview, "data-fleet-status=\"([a-z_]+)\" data-value=\"([0-9]+)\""))
                    .as("nodes per status")
                    .containsExactlyInAnyOrderEntriesOf(expectedStatuses);
            for (JsonNode g : ghostDetail) {
                assertThat(overview)
                        .contains(g.get("ip").asText() + " → "
                                + g.get("final_status").asText());
            }
            Browser.screenshot(chromium, base + "#", shots.resolve("fleet-overview.png"), "1400,2200");

            // the tab: every node of the gold list once, in numeric order, each linked to its result
            String tab = Browser.domWhen(chromium, base + "#fleet", "data-lazarus-fleet=\"ready\"");
            assertThat(all(tab, "<tr class=\"lazarus-fleet__node\" data-ip=\"([^\"]+)\""))
                    .as("one row per node, numeric order")
                    .containsExactlyElementsOf(gold);
            Matcher row = Pattern.compile("<tr class=\"lazarus-fleet__node\" data-ip=\"([^\"]+)\"[^>]*>.*?"
                            + "data-attempts=\"([0-9]+)\".*?href=\"#testresult/([^\"]+)\".*?</tr>")
                    .matcher(tab);
            int linked = 0;
            while (row.find()) {
                linked++;
                JsonNode testCase = JSON.readTree(report.resolve("data/test-cases/" + row.group(3) + ".json")
                        .toFile());
                assertThat(testCase.get("name").asText().strip())
                        .as("a row links to its node's verdict, the result Allure shows")
                        .isEqualTo("node " + row.group(1) + ": attempt " + row.group(2));
            }
            assertThat(linked).as("each row links to its node's result").isEqualTo(gold.size());
            assertThat(all(tab, "<tr class=\"lazarus-fleet__ghost\" data-ip=\"([^\"]+)\""))
                    .as("the ghost table")
                    .containsExactlyInAnyOrderElementsOf(
                            java.util.stream.StreamSupport.stream(ghostDetail.spliterator(), false)
                                    .map(g -> g.get("ip").asText())
                                    .toList());
            Browser.screenshot(chromium, base + "#fleet", shots.resolve("fleet-tab.png"), "1400,1800");

            // filtered by status: only that status's nodes
            String failed = Browser.domWhen(chromium, base + "#fleet/install_failed", "data-lazarus-fleet=\"ready\"");
            List<String> statuses =
                    all(failed, "<tr class=\"lazarus-fleet__node\" data-ip=\"[^\"]+\" data-status=\"([^\"]+)\"");
            assertThat(statuses)
                    .hasSize(summary.at("/statuses/install_failed").asInt())
                    .containsOnly("install_failed");

            // the Timeline: a row per node in numeric order, each with its bars, and the fleet verdicts on their own
            String timeline = Browser.domWhen(chromium, base + "#timeline", "timeline__group_title");
            Matcher hostRow = Pattern.compile(
                            "<text class=\"timeline__group_title\">([^<]*)</text>(.*?)(?=<text class=\"timeline__group_title\">|$)",
                            Pattern.DOTALL)
                    .matcher(timeline);
            List<String> rows = new ArrayList<>();
            while (hostRow.find()) {
                String host = hostRow.group(1).strip();
                rows.add(host);
                assertThat(hostRow.group(2)).as("the bars of " + host).contains("class=\"timeline__item");
            }
            List<String> expectedRows = new ArrayList<>(gold);
            expectedRows.add("fleet");
            assertThat(rows)
                    .as("host rows: every node in numeric order, then the fleet")
                    .isEqualTo(expectedRows);
            Browser.screenshot(chromium, base + "#timeline", shots.resolve("timeline.png"), "1400,2600");

            // the ghosts a resurrection recovered stay visible
            String categories = Browser.domWhen(chromium, base + "#categories", "Recovered ghosts");
            assertThat(categories).contains("Recovered ghosts");
        } finally {
            server.stop(0);
        }
        assertThat(shots.resolve("fleet-overview.png")).isNotEmptyFile();
        assertThat(shots.resolve("fleet-tab.png")).isNotEmptyFile();
        assertThat(shots.resolve("timeline.png")).isNotEmptyFile();
    }

    private static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String first(String html, String regex) {
        List<String> found = all(html, regex);
        assertThat(found).as(regex).isNotEmpty();
        return found.get(0);
    }

    /** group 1 → group 2 of every match, the first of each key. */
    private static Map<String, String> attributes(String html, String regex) {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.putIfAbsent(m.group(1), m.group(2));
        }
        return found;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** A static file server for the report on loopback: its pages load their data by XHR. */
    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            try (OutputStream body = exchange.getResponseBody()) {
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] bytes = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, bytes.length);
                body.write(bytes);
            }
        });
        server.start();
        return server;
    }

    /** Headless Chromium, one process per check: the page's rendered text, and a screenshot of it. */
    static final class Browser {
        private static final List<String> FLAGS = List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--virtual-time-budget=15000");

        static String text(Path chromium, String url, Path screenshot) throws Exception {
            String dom = run(chromium, List.of("--dump-dom", url), null);
            run(chromium, List.of("--screenshot=" + screenshot.toAbsolutePath(), url), screenshot);
            String text = dom.replaceAll("(?s)<script.*?</script>", " ")
                    .replaceAll("<[^>]+>", " ")
                    .replace("&nbsp;", " ")
                    .replaceAll("\\s+", " ");
            return text;
        }

        /**
         * The page's DOM once it holds {@code ready}: dumped after the page's loads settle, again with a longer
         * budget when it does not hold it yet, at most three times.
         */
        static String domWhen(Path chromium, String url, String ready) throws Exception {
            String dom = "";
            for (int budget : new int[] {15_000, 30_000, 60_000}) {
                dom = run(chromium, List.of("--virtual-time-budget=" + budget, "--dump-dom", url), null);
                if (dom.contains(ready)) {
                    return dom;
                }
            }
            throw new AssertionError(url + " never showed " + ready + "; its last DOM:\n" + dom);
        }

        /** A screenshot of the page in a window of {@code size} ({@code width,height}). */
        static void screenshot(Path chromium, String url, Path file, String size) throws Exception {
            run(chromium, List.of("--window-size=" + size, "--screenshot=" + file.toAbsolutePath(), url), file);
        }

        /** {@code action}'s flags replace the defaults of the same name ({@code --window-size}, the time budget). */
        private static String run(Path chromium, List<String> action, Path expected) throws Exception {
            Path profile = Files.createTempDirectory("lazarus-chromium");
            try {
                List<String> command = new ArrayList<>(List.of(chromium.toString()));
                for (String flag : FLAGS) {
                    String name = flag.split("=")[0];
                    if (action.stream().noneMatch(a -> a.split("=")[0].equals(name))) {
                        command.add(flag);
                    }
                }
                command.add("--user-data-dir=" + profile);
                command.addAll(action);
                Process p = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                byte[] stdout = p.getInputStream().readAllBytes(); // ends when Chromium exits
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("Chromium did not finish with " + action);
                }
                if (expected != null) {
                    assertThat(expected).as("screenshot of " + action).isNotEmptyFile();
                }
                return new String(stdout, StandardCharsets.UTF_8);
            } finally {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}
