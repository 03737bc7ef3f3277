package dev.lazarus.reports.allure;

import static dev.lazarus.reports.allure.Labels.identity;
import static dev.lazarus.reports.allure.Labels.label;
import static dev.lazarus.reports.allure.Labels.millis;
import static dev.lazarus.reports.allure.Labels.param;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazarus.spi.ArtifactFiles;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The results that are not node attempts: the ghosts no attempt was ever journaled for, the instances that never
 * became nodes, and the fleet verdicts with their evidence (the run's artifacts, attached).
 */
final class FleetResults {

    /**
     * The {@code host} and {@code thread} of the results that are about the fleet, not a node: their own row in the
     * Timeline, so none takes a node's.
     */
    static final String FLEET = "fleet";

    private final RunContext run;
    private final RunResult result;
    private final ResultFiles out;
    /** ip → why its shard left no journal, for the nodes of a missing shard. */
    private final Map<String, String> shardReasons = new HashMap<>();

    FleetResults(RunContext run, RunResult result, ResultFiles out) {
        this.run = run;
        this.result = result;
        this.out = out;
        result.lostShards().forEach(loss -> loss.ips().forEach(ip -> shardReasons.put(ip, loss.reason())));
    }

    /** Tags every ghost shares in this run ({@code aws_outage_context} when the control plane was throttled). */
    static List<String> ghostTags(RunResult result) {
        return result.controlPlane().throttledCalls() > 0 ? List.of("ghost", "aws_outage_context") : List.of("ghost");
    }

    void writeAll() throws IOException {
        unattempted();
        unreachable();
        verdicts();
    }

    /** Ghosts no attempt was ever journaled for (a shard that died): one result each, so every node shows. */
    private void unattempted() {
        Set<String> attempted = new HashSet<>();
        result.entries().forEach(e -> attempted.add(e.publicIp()));
        long at = millis(result.endedAt());
        for (String ip : result.assessment().ghosts()) {
            if (attempted.contains(ip)) {
                continue;
            }
            List<String> tags = new ArrayList<>(ghostTags(result));
            if (shardReasons.containsKey(ip)) {
                tags.add("shard_missing");
            }
            String shard = result.shardByIp().getOrDefault(ip, run.shard());
            List<Label> labels = new ArrayList<>(List.of(
                    label("host", Labels.sortable(ip)),
                    label("parentSuite", run.scenario()),
                    label("suite", "shard " + shard),
                    label("framework", "lazarus")));
            labels.addAll(Labels.behaviour(run.scenario(), "ghost", "no attempt"));
            tags.forEach(t -> labels.add(label("tag", t)));
            out.write(new TestResult()
                    .setUuid(UUID.randomUUID().toString())
                    .setHistoryId(identity(run.scenario(), ip))
                    .setTestCaseId(identity(run.scenario(), ip))
                    .setName(Labels.nodeName(ip, "no attempt"))
                    .setFullName(run.scenario() + ".node " + ip)
                    .setStatus(Status.BROKEN)
                    .setStage(Stage.FINISHED)
                    .setStart(at)
                    .setStop(at)
                    .setStatusDetails(new StatusDetails()
                            .setMessage("ghost: no attempt was journaled; "
                                    + shardReasons.getOrDefault(ip, "the node was never started") + " " + tags))
                    .setLabels(labels)
                    .setParameters(List.of(
                            param("IP", ip), param("shard", shard), param("control plane", run.controlPlane()))));
        }
    }

    private void unreachable() {
        for (RunResult.UnreachableInstance u : result.controlPlane().unreachable()) {
            long at = millis(u.at());
            out.write(new TestResult()
                    .setUuid(UUID.randomUUID().toString())
                    .setHistoryId(identity(run.scenario(), u.instanceId()))
                    .setTestCaseId(identity(run.scenario(), u.instanceId()))
                    .setName("instance " + u.instanceId() + ": no node")
                    .setFullName(run.scenario() + ".instance " + u.instanceId())
                    .setStatus(Status.FAILED)
                    .setStage(Stage.FINISHED)
                    .setStart(at)
                    .setStop(at)
                    .setStatusDetails(new StatusDetails()
                            .setMessage(
                                    "unreachable: instance " + u.instanceId() + " never became a node: " + u.reason()))
                    .setLabels(List.of(
                            label("host", FLEET),
                            label("thread", FLEET),
                            label("parentSuite", run.scenario()),
                            label("suite", "shard " + run.shard()),
                            label("tag", "unreachable"))));
        }
    }

    private void verdicts() throws IOException {
        FleetAssessment a = result.assessment();
        long end = millis(result.endedAt());
        StringBuilder ghostList = new StringBuilder();
        a.ghosts()
                .forEach(ip -> ghostList
                        .append(ip)
                        .append("  last lifecycle event: ")
                        .append(result.lastEventOf(ip).orElse("none"))
                        .append(shardReasons.containsKey(ip) ? "  (" + shardReasons.get(ip) + ")" : "")
                        .append('\n'));
        List<Attachment> ghostEvidence = new ArrayList<>();
        ghostEvidence.add(out.attach(
                "ghosts with their last lifecycle event",
                ghostList.length() == 0 ? "none\n" : ghostList.toString(),
                "text/plain",
                "txt"));
        artifact("aggregate_ghost_detail.json", "application/json").ifPresent(ghostEvidence::add);
        verdict(
                "verdict: ghosts",
                a.ghosts().isEmpty(),
                GhostHistory.of(result).verdictMessage(a.ghosts()),
                end,
                ghostEvidence);

        List<Attachment> untraceable = List.of(out.attach(
                "untraceable entries",
                ArtifactFiles.json().writerWithDefaultPrettyPrinter().writeValueAsString(a.untraceable()),
                "application/json",
                "json"));
        verdict(
                "verdict: untraceable entries",
                a.untraceable().isEmpty(),
                a.untraceable().size() + " untraceable entr(y/ies) without a valid IP",
                end,
                untraceable);

        List<Attachment> invariant = new ArrayList<>();
        invariant.add(out.attach("arithmetic", a.arithmetic() + "\n", "text/plain", "txt"));
        for (String name : List.of("run_summary.json", "final_aggregate_execution_run_registry.json")) {
            artifact(name, "application/json").ifPresent(invariant::add);
        }
        for (String name : List.of(
                "aggregate_chunk_gold_ip_list.log",
                "failed_registry_ips_artifact.log",
                "missing_registry_ips_artifact.log",
                "aggregate_ghost_summary.log")) {
            artifact(name, "text/plain").ifPresent(invariant::add);
        }
        verdict(
                "verdict: accounting invariant",
                a.invariantHolds(),
                "accounting invariant broken: " + a.arithmetic(),
                end,
                invariant);

        Path matrix = run.runDir().resolve("injection_matrix.json");
        if (Files.isRegularFile(matrix)) {
            JsonNode m = ArtifactFiles.json().readTree(matrix.toFile());
            boolean clean =
                    m.path("missed").asInt() == 0 && m.path("false_alarms").asInt() == 0;
            List<Attachment> evidence = new ArrayList<>();
            artifact("injection_matrix.log", "text/plain").ifPresent(evidence::add);
            artifact("injection_matrix.json", "application/json").ifPresent(evidence::add);
            verdict(
                    "verdict: injection matrix",
                    clean,
                    m.path("missed").asInt() + " missed, "
                            + m.path("false_alarms").asInt() + " false alarm(s)"
                            + (m.path("expected_misbehaviour_ips").isEmpty()
                                    ? ""
                                    : ", " + m.path("expected_misbehaviour_ips").size()
                                            + " expected misbehaviour(s) declared by lazarus.embedded.behaviours"),
                    end,
                    evidence);
        }
    }

    private void verdict(String name, boolean passed, String failure, long at, List<Attachment> evidence) {
        out.write(new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(identity(run.scenario(), name))
                .setTestCaseId(identity(run.scenario(), name))
                .setName(name)
                .setFullName(run.scenario() + "." + name)
                .setStatus(passed ? Status.PASSED : Status.FAILED)
                .setStatusDetails(
                        passed && !name.equals("verdict: ghosts") ? null : new StatusDetails().setMessage(failure))
                .setStage(Stage.FINISHED)
                .setStart(at)
                .setStop(at)
                .setLabels(List.of(
                        label("host", FLEET),
                        label("thread", FLEET),
                        label("parentSuite", run.scenario()),
                        label("suite", "verdicts"),
                        label("epic", run.scenario()),
                        label("feature", "fleet verdicts"),
                        label("story", name),
                        label("framework", "lazarus")))
                .setAttachments(evidence));
    }

    private Optional<Attachment> artifact(String name, String type) throws IOException {
        Path file = run.runDir().resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return Optional.of(out.attach(name, Files.readAllBytes(file), type, ext));
    }
}
