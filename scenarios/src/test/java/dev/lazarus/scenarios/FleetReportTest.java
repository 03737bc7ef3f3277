package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Inject;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Allure results tell a reviewer beyond each node: fleet verdicts on a row of their own (never a node's
 * Timeline row), ghosts that stay visible after a resurrection recovered them, Behaviors grouped by scenario, status
 * and what failed, an executor on a local run, and the Trend carried from the previous local report.
 */
class FleetReportTest {

    @Scenario(
            name = "GhostsRecovered",
            fleetSize = 12,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    @Inject(fault = "GHOST", count = 2)
    static class GhostsRecovered {}

    @Scenario(
            name = "TrendTwice",
            fleetSize = 3,
            commands = {"echo installed"})
    static class TrendTwice {}

    @TempDir
    Path out;

    private static List<JsonNode> results(Path dir) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                all.add(JournalCodec.mapper().readTree(f.toFile()));
            }
        }
        return all;
    }

    private static Optional<String> label(JsonNode result, String name) {
        for (JsonNode l : result.path("labels")) {
            if (l.path("name").asText().equals(name)) {
                return Optional.of(l.path("value").asText());
            }
        }
        return Optional.empty();
    }

    @Test
    void recoveredGhostsStayVisibleAndFleetVerdictsKeepOffTheNodesRows() throws Exception {
        Runs.execute(out, selectClass(GhostsRecovered.class), "lazarus.watchdog.timeout", "5s");
        List<String> ghosts = Runs.events(out).stream()
                .filter(JournalEvent.InjectionPlanned.class::isInstance)
                .map(JournalEvent.InjectionPlanned.class::cast)
                .map(JournalEvent.InjectionPlanned::publicIp)
                .sorted(dev.lazarus.reports.IpOrder.NUMERIC)
                .toList();
        assertThat(ghosts).hasSize(2);
        Path dir = Runs.runDir(out);
        List<JsonNode> results = results(dir.resolve("allure-results"));

        JsonNode verdict = results.stream()
                .filter(r -> r.path("name").asText().equals("verdict: ghosts"))
                .findFirst()
                .orElseThrow();
        assertThat(verdict.path("status").asText()).isEqualTo("passed");
        assertThat(verdict.path("statusDetails").path("message").asText())
                .isEqualTo("0 ghosts now, 2 during the run (recovered: " + String.join(", ", ghosts) + ")");

        for (String ip : ghosts) {
            JsonNode last = results.stream()
                    .filter(r -> r.path("name").asText().strip().startsWith("node " + ip + ": attempt"))
                    .filter(r -> !label(r, "tag").equals(Optional.of("superseded")))
                    .max((a, b) ->
                            a.path("name").asText().compareTo(b.path("name").asText()))
                    .orElseThrow();
            assertThat(last.path("statusDetails").path("message").asText())
                    .contains("recovered ghost: " + ip + " was a ghost after round 0");
        }
        assertThat(Files.readString(dir.resolve("allure-results/categories.json")))
                .contains("\"Recovered ghosts\"");

        for (JsonNode r : results) {
            String name = r.path("name").asText().strip();
            if (name.startsWith("verdict: ")) {
                assertThat(label(r, "host")).as(name).contains("fleet");
                assertThat(label(r, "thread")).as(name).contains("fleet");
                assertThat(label(r, "feature")).as(name).contains("fleet verdicts");
            } else {
                String ip = name.substring("node ".length(), name.indexOf(':'));
                assertThat(label(r, "host").map(String::strip)).as(name).contains(ip);
                assertThat(label(r, "epic")).as(name).contains("GhostsRecovered");
                assertThat(label(r, "feature")).as(name).isPresent();
                assertThat(label(r, "story")).as(name).isPresent();
            }
        }
        // Allure orders host rows and tree leaves by their text: the results' own text order is the numeric one
        Comparator<String> allures = Comparator.comparing(t -> t.toLowerCase(java.util.Locale.ROOT));
        List<JsonNode> nodes = results.stream()
                .filter(r -> !r.path("name").asText().startsWith("verdict: "))
                .toList();
        assertThat(nodes.stream().map(r -> label(r, "host").orElseThrow()).sorted(allures))
                .extracting(String::strip)
                .isSortedAccordingTo(dev.lazarus.reports.IpOrder.NUMERIC)
                .contains("127.0.1.2", "127.0.1.10");
        assertThat(nodes.stream().map(r -> r.path("name").asText()).sorted(allures))
                .extracting(n -> n.strip().substring("node ".length(), n.strip().indexOf(':')))
                .isSortedAccordingTo(dev.lazarus.reports.IpOrder.NUMERIC);
        JsonNode executor = JournalCodec.mapper()
                .readTree(dir.resolve("allure-results/executor.json").toFile());
        assertThat(executor.path("type").asText()).isEqualTo("local");
        assertThat(executor.path("buildName").asText())
                .isEqualTo(dir.getFileName().toString());
    }

    @Test
    void aSecondLocalRunsReportCarriesTheFirstOnesTrend() throws Exception {
        String cli = System.getProperty("lazarus.allure.cli");
        String[] render = {"lazarus.allure.render", "true", "lazarus.allure.cli", cli};
        Runs.execute(out, selectClass(TrendTwice.class), render);
        Runs.execute(out, selectClass(TrendTwice.class), render);

        List<Path> runs;
        try (Stream<Path> dirs = Files.list(out)) {
            runs = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(runs).hasSize(2);
        JsonNode trend = JournalCodec.mapper()
                .readTree(runs.get(1)
                        .resolve("allure-report/widgets/history-trend.json")
                        .toFile());
        assertThat(trend).as("the second report's Trend has both runs").hasSize(2);
        JsonNode first = JournalCodec.mapper()
                .readTree(runs.get(0)
                        .resolve("allure-report/widgets/history-trend.json")
                        .toFile());
        assertThat(first).hasSize(1);
    }
}
