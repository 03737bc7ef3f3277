package dev.lazarus.allure.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.ReportStorage;
import io.qameta.allure.core.LaunchResults;
import io.qameta.allure.core.ResultsVisitor;
import io.qameta.allure.entity.Attachment;
import io.qameta.allure.entity.Label;
import io.qameta.allure.entity.TestResult;
import io.qameta.allure.entity.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetPluginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fleet of 12 nodes: .10 failed, .2 a ghost now, .9 a ghost resurrected to success, the rest passed. */
    private static final String FLEET = """
            {"format": 1,
             "summary": {"run_id": "r1", "scenario": "Tomcat", "shard": "1/1", "control_plane": "embedded",
                         "gold": 12, "with_final_entry": 11,
                         "statuses": {"install_success": 10, "install_failed": 1, "stub": 0},
                         "ghosts": ["127.0.1.2"], "untraceable": [], "invariant_holds": true,
                         "invariant": "gold 12 = with a final entry 11 + ghosts 1",
                         "wall_seconds": 6.0, "ideal_seconds": 2.0, "wall_over_ideal": 3.0,
                         "throughput_nodes_per_min": 120.0},
             "gold": [%s],
             "ghost_detail": [
               {"ip": "127.0.1.9", "shard": "1/1", "detected_after_round": 0, "last_event": "ssh_connected",
                "tags": ["ghost", "ssh_attempted"], "aws_outage_context": null, "resurrected": true,
                "final_status": "install_success", "reason": null},
               {"ip": "127.0.1.2", "shard": "1/1", "detected_after_round": 1, "last_event": "command_started",
                "tags": ["ghost", "ssh_attempted"], "aws_outage_context": {"throttled_calls": 3},
                "resurrected": true, "final_status": "ghost", "reason": null}],
             "attempts": [%s]}
            """;

    private static String fleet() {
        List<String> gold = new ArrayList<>();
        List<String> attempts = new ArrayList<>();
        for (int i = 12; i >= 1; i--) { // the registry's order is not the IPs'
            String ip = "127.0.1." + i;
            gold.add('"' + ip + '"');
            if (i == 2 || i == 9) {
                attempts.add(attempt(ip, 1, null, false, "\"ghost\"", "\"superseded_by\": \"x\""));
                attempts.add(attempt(
                        ip, 2, i == 9 ? "install_success" : null, i == 9, i == 9 ? "\"install_success\"" : "", null));
            } else {
                String status = i == 10 ? "install_failed" : "install_success";
                attempts.add(attempt(ip, 1, status, true, '"' + status + "\", \"exit_status_1\"", null));
            }
        }
        return FLEET.formatted(String.join(",", gold), String.join(",", attempts));
    }

    private static String attempt(String ip, int n, String status, boolean isFinal, String tags, String extra) {
        return "{\"thread_uuid\": \"" + ip + "-" + n + "\", \"public_ip\": \"" + ip + "\", \"attempt\": " + n
                + ", \"status\": " + (status == null ? "null" : '"' + status + '"') + ", \"tags\": [" + tags
                + "], \"final\": " + isFinal + (extra == null ? "" : ", " + extra) + "}";
    }

    private static TestResult result(String uid, String scenario, String ip, int attempt, boolean hidden, long start) {
        TestResult r = new TestResult()
                .setUid(uid)
                .setName("node " + ip + ": attempt " + attempt)
                .setHidden(hidden)
                .setTime(new Time().setStart(start).setStop(start + 1));
        r.getLabels().add(new Label().setName("host").setValue(ip));
        r.getLabels().add(new Label().setName("parentSuite").setValue(scenario));
        return r;
    }

    private static LaunchResults launch(List<JsonNode> fleets, Set<TestResult> results) {
        return new LaunchResults() {
            @Override
            public Set<TestResult> getAllResults() {
                return results;
            }

            @Override
            public Map<Path, Attachment> getAttachments() {
                return Map.of();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> Optional<T> getExtra(String name) {
                return name.equals(FleetReader.EXTRA) ? Optional.of((T) fleets) : Optional.empty();
            }
        };
    }

    @Test
    void everyNodeOfTheGoldListIsOneRowInNumericOrderWithItsVerdictAttemptsAndTheResultAllureShows() throws Exception {
        Set<TestResult> results = Set.of(
                result("u9a", "Tomcat", "127.0.1.9", 1, true, 1),
                result("u9b", "Tomcat", "127.0.1.9", 2, false, 5),
                result("u10", "Tomcat", "127.0.1.10", 1, false, 1),
                result("other", "OtherScenario", "127.0.1.10", 1, false, 9));
        Fleet.Tab tab = Fleet.of(JSON.readTree(fleet()), results);

        assertThat(tab.nodes())
                .extracting(Fleet.Node::ip)
                .containsExactly(
                        "127.0.1.1",
                        "127.0.1.2",
                        "127.0.1.3",
                        "127.0.1.4",
                        "127.0.1.5",
                        "127.0.1.6",
                        "127.0.1.7",
                        "127.0.1.8",
                        "127.0.1.9",
                        "127.0.1.10",
                        "127.0.1.11",
                        "127.0.1.12");
        Fleet.Node ghost = tab.nodes().get(1);
        assertThat(ghost.status()).isEqualTo("ghost");
        assertThat(ghost.ghost()).isTrue();
        assertThat(ghost.attempts()).isEqualTo(2);
        assertThat(ghost.lastEvent()).isEqualTo("command_started");
        Fleet.Node recovered = tab.nodes().get(8);
        assertThat(recovered.status()).isEqualTo("install_success");
        assertThat(recovered.wasGhost()).isTrue();
        assertThat(recovered.resurrected()).isTrue();
        assertThat(recovered.uid())
                .as("the retry Allure shows, not the hidden one")
                .isEqualTo("u9b");
        Fleet.Node failed = tab.nodes().get(9);
        assertThat(failed.status()).isEqualTo("install_failed");
        assertThat(failed.tags()).containsExactly("install_failed", "exit_status_1");
        assertThat(failed.uid())
                .as("this scenario's result, not another's on the same IP")
                .isEqualTo("u10");
        assertThat(failed.lastEvent()).isNull();
        assertThat(tab.nodesByStatus())
                .containsExactlyInAnyOrderEntriesOf(Map.of("install_success", 10L, "install_failed", 1L, "ghost", 1L));

        assertThat(tab.ghosts()).extracting(Fleet.Ghost::ip).containsExactly("127.0.1.2", "127.0.1.9");
        assertThat(tab.ghosts()
                        .get(0)
                        .awsOutageContext()
                        .path("throttled_calls")
                        .asInt())
                .isEqualTo(3);

        Fleet.Summary s = tab.summary();
        assertThat(s.gold()).isEqualTo(12);
        assertThat(s.withVerdict()).isEqualTo(11);
        assertThat(s.ghostsNow()).containsExactly("127.0.1.2");
        assertThat(s.ghostsEver()).containsExactly("127.0.1.2", "127.0.1.9");
        assertThat(s.resurrected())
                .containsExactly(
                        new Fleet.Resurrected("127.0.1.2", "ghost"),
                        new Fleet.Resurrected("127.0.1.9", "install_success"));
        assertThat(s.invariant()).isEqualTo("gold 12 = with a final entry 11 + ghosts 1");
        assertThat(s.statuses()).containsEntry("install_failed", 1L).containsEntry("stub", 0L);
        assertThat(s.throughput()).isEqualTo(120.0);
        assertThat(s.wallOverIdeal()).isEqualTo(3.0);
    }

    @Test
    void theReaderFindsTheFleetFilesOfAResultsFolderAndThePluginWritesTheWidgetAndTheTab(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("lazarus-fleet-r1.json"), fleet());
        Files.writeString(dir.resolve("abc-result.json"), "{}");
        Map<String, Object> extra = new HashMap<>();
        new FleetReader()
                .readResults(
                        null,
                        new ResultsVisitor() {
                            @Override
                            public Attachment visitAttachmentFile(Path attachmentFile) {
                                throw new AssertionError();
                            }

                            @Override
                            public void visitTestResult(TestResult result) {
                                throw new AssertionError();
                            }

                            @Override
                            public void visitExtra(String name, Object object) {
                                extra.put(name, object);
                            }

                            @Override
                            public void error(String message, Exception e) {
                                throw new AssertionError(message, e);
                            }

                            @Override
                            public void error(String message) {
                                throw new AssertionError(message);
                            }
                        },
                        dir);
        @SuppressWarnings("unchecked")
        List<JsonNode> fleets = (List<JsonNode>) extra.get(FleetReader.EXTRA);
        assertThat(fleets).hasSize(1);

        Map<String, Object> written = new HashMap<>();
        new FleetPlugin().aggregate(null, List.of(launch(fleets, Set.of())), new ReportStorage() {
            @Override
            public void addDataJson(String name, Object data) {
                written.put(name, data);
            }

            @Override
            public void addDataBinary(String name, byte[] data) {}

            @Override
            public void addDataFile(String name, Path file) {}
        });
        JsonNode widget = JSON.valueToTree(written.get("widgets/lazarus-fleet.json"));
        assertThat(widget.at("/items/0/gold").asInt()).isEqualTo(12);
        assertThat(widget.at("/items/0/ghostsEver")).hasSize(2);
        JsonNode tab = JSON.valueToTree(written.get("data/lazarus-fleet.json"));
        assertThat(tab.at("/fleets/0/nodes")).hasSize(12);
        assertThat(tab.at("/fleets/0/nodes/0/ip").asText()).isEqualTo("127.0.1.1");
    }
}
