package dev.lazarus.reports.allure;

import static dev.lazarus.reports.allure.Labels.label;
import static dev.lazarus.reports.allure.Labels.millis;
import static dev.lazarus.reports.allure.Labels.param;

import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.CommandRecord;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One node attempt as an Allure result: a step for the SSH connect and one per command (stdout and stderr attached),
 * labels host / thread / suites / tags, parameters, lineage links, and the historyId shared by every attempt of the
 * node, so a resurrection shows as a retry. Built from the attempt's registry entry and its timeline.
 */
final class AttemptResult {

    private final RunContext run;
    private final ResultFiles out;

    AttemptResult(RunContext run, ResultFiles out) {
        this.run = run;
        this.out = out;
    }

    /**
     * Writes the result of {@code e}; returns the files written (the result and its attachments). A write that fails
     * leaves no attachment behind, so the attempt can be written again whole.
     *
     * @param byId the other attempts by id, for lineage links (null when unknown)
     * @param ghostTags the tags an attempt without a verdict gets
     */
    List<String> write(
            RegistryEntry e, AttemptTimeline timeline, Function<String, RegistryEntry> byId, List<String> ghostTags) {
        List<String> files = new ArrayList<>();
        try {
            write(e, timeline, byId, ghostTags, files);
            return files;
        } catch (RuntimeException failed) {
            try {
                out.delete(files);
            } catch (IOException | RuntimeException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }

    private void write(
            RegistryEntry e,
            AttemptTimeline timeline,
            Function<String, RegistryEntry> byId,
            List<String> ghostTags,
            List<String> files) {
        String ip = e.publicIp();
        List<Label> labels = new ArrayList<>(List.of(
                label("host", ip),
                label("thread", e.thread()),
                label("parentSuite", run.scenario()),
                label("suite", "shard " + e.shard()),
                label("framework", "lazarus"),
                label("language", "java")));
        if (e.attempt() > 1) {
            labels.add(label("subSuite", "resurrections"));
        }
        List<String> tags = e.isFinal() ? e.tags() : ghostTags;
        tags.forEach(t -> labels.add(label("tag", t)));
        if (e.isSuperseded()) {
            labels.add(label("tag", "superseded"));
        }
        List<Link> links = new ArrayList<>();
        Optional.ofNullable(e.previousAttemptId())
                .map(byId)
                .ifPresent(p -> links.add(lineage("previous attempt: node " + ip + ": attempt " + p.attempt(), p)));
        Optional.ofNullable(e.supersededBy())
                .map(byId)
                .ifPresent(n -> links.add(lineage("superseded by: node " + ip + ": attempt " + n.attempt(), n)));
        String identity = Labels.identity(run.scenario(), ip);
        TestResult result = new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(identity)
                .setTestCaseId(identity)
                .setName("node " + ip + ": attempt " + e.attempt())
                .setFullName(run.scenario() + ".node " + ip)
                .setStatus(AllureStatuses.of(e))
                .setStatusDetails(AllureStatuses.details(e, ghostTags))
                .setStage(Stage.FINISHED)
                .setStart(millis(timeline.startedAt()))
                .setStop(millis(timeline.endedAt()))
                .setLabels(labels)
                .setLinks(links)
                .setParameters(List.of(
                        param("IP", ip),
                        param("shard", e.shard()),
                        param("attempt", String.valueOf(e.attempt())),
                        param("control plane", run.controlPlane()),
                        param("thread_uuid", e.attemptId())))
                .setDescription(description(e))
                .setSteps(steps(e, timeline, files));
        files.add(out.write(result));
    }

    private static String description(RegistryEntry e) {
        StringBuilder d = new StringBuilder("Attempt ")
                .append(e.attempt())
                .append(" on ")
                .append(e.publicIp())
                .append(" (private ")
                .append(e.privateIp())
                .append("), thread_uuid `")
                .append(e.attemptId())
                .append("`.");
        if (e.isSuperseded()) {
            d.append(" **Superseded** by attempt ")
                    .append(e.attempt() + 1)
                    .append(" (the gatekeeper resurrected the node): the node's verdict is the later attempt's.");
        }
        return d.toString();
    }

    private List<StepResult> steps(RegistryEntry e, AttemptTimeline timeline, List<String> files) {
        List<StepResult> steps = new ArrayList<>();
        StepResult connect =
                new StepResult().setName("ssh connect").setStage(Stage.FINISHED).setStart(millis(timeline.startedAt()));
        if (timeline.connected().isPresent()) {
            AttemptTimeline.Connection c = timeline.connected().get();
            connect.setStatus(Status.PASSED)
                    .setStop(millis(c.at()))
                    .setParameters(List.of(
                            param("connect attempts", String.valueOf(c.attempts())),
                            param("handshake ms", String.valueOf(c.handshakeMs()))));
        } else {
            boolean sshFailed = e.isFinal() && e.status().tag().startsWith("ssh_");
            connect.setStatus(sshFailed ? Status.FAILED : Status.BROKEN)
                    .setStop(millis(timeline.endedAt()))
                    .setStatusDetails(
                            new StatusDetails().setMessage(sshFailed ? e.message() : "no connection was journaled"));
        }
        steps.add(connect);
        for (CommandRecord c : e.commands()) {
            Optional<AttemptTimeline.CommandSpan> span = timeline.command(c.index());
            List<Attachment> attachments = new ArrayList<>();
            if (!c.stdout().isEmpty()) {
                attachments.add(out.attach("stdout (tail)", String.join("\n", c.stdout()) + "\n", "text/plain", "txt"));
            }
            if (!c.stderr().isEmpty()) {
                attachments.add(out.attach(
                        "stderr (not whitelisted)", String.join("\n", c.stderr()) + "\n", "text/plain", "txt"));
            }
            attachments.forEach(a -> files.add(a.getSource()));
            steps.add(new StepResult()
                    .setName(c.command())
                    .setStatus(
                            switch (c.outcome()) {
                                case "success" -> Status.PASSED;
                                case "watchdog_timeout" -> Status.BROKEN;
                                default -> Status.FAILED;
                            })
                    .setStage(Stage.FINISHED)
                    .setStart(span.map(s -> millis(s.startedAt())).orElse(0L))
                    .setStop(span.map(s -> millis(s.endedAt())).orElse(0L))
                    .setParameters(List.of(
                            param("exit code", String.valueOf(c.exitStatus())),
                            param("tries", String.valueOf(c.tries())),
                            param("duration ms", String.valueOf(c.durationMs())),
                            param("outcome", c.outcome())))
                    .setAttachments(attachments));
        }
        return steps;
    }

    private static Link lineage(String name, RegistryEntry other) {
        return new Link()
                .setName(name)
                .setType("lineage")
                .setUrl("../final_aggregate_execution_run_registry.json#" + other.attemptId());
    }
}
