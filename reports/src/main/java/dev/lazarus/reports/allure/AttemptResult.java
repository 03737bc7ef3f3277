package dev.lazarus.reports.allure;

import dev.lazarus.extension.RunContext;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.registry.CommandRecord;
import dev.lazarus.registry.RegistryEntry;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One node attempt as an Allure result: a step per command (stdout and stderr attached), labels host / thread /
 * suites / tags, parameters, lineage links, and the historyId shared by every attempt of the node, so a
 * resurrection shows as a retry. Built from the attempt's registry entry and its own journal events.
 */
final class AttemptResult {

    private final RunContext run;
    private final ResultFiles out;

    AttemptResult(RunContext run, ResultFiles out) {
        this.run = run;
        this.out = out;
    }

    /**
     * Writes the result of {@code e}; returns the files written (the result and its attachments).
     *
     * @param own the attempt's journal events, in order
     * @param byUuid the other attempts, for lineage links (null when unknown)
     * @param ghostTags the tags an attempt without a verdict gets
     */
    List<String> write(
            RegistryEntry e, List<JournalEvent> own, Function<String, RegistryEntry> byUuid, List<String> ghostTags) {
        List<String> files = new ArrayList<>();
        try {
            write(e, own, byUuid, ghostTags, files);
            return files;
        } catch (RuntimeException failed) {
            try {
                out.delete(files); // no attachments without their result: the attempt is written again whole
            } catch (java.io.IOException | RuntimeException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }

    private void write(
            RegistryEntry e,
            List<JournalEvent> own,
            Function<String, RegistryEntry> byUuid,
            List<String> ghostTags,
            List<String> files) {
        long start =
                AllureReport.millis(own.isEmpty() ? e.timestamp() : own.get(0).ts());
        long stop = AllureReport.millis(
                own.isEmpty() ? e.timestamp() : own.get(own.size() - 1).ts());
        String ip = e.publicIp();
        List<Label> labels = new ArrayList<>(List.of(
                AllureReport.label("host", ip), AllureReport.label("thread", e.thread()),
                AllureReport.label("parentSuite", run.scenario()), AllureReport.label("suite", "shard " + e.shard()),
                AllureReport.label("framework", "lazarus"), AllureReport.label("language", "java")));
        if (e.attempt() > 1) {
            labels.add(AllureReport.label("subSuite", "resurrections"));
        }
        List<String> tags = e.isFinal() ? e.tags() : ghostTags;
        tags.forEach(t -> labels.add(AllureReport.label("tag", t)));
        if (e.isSuperseded()) {
            labels.add(AllureReport.label("tag", "superseded"));
        }
        List<Link> links = new ArrayList<>();
        Optional.ofNullable(e.previousThreadUuid())
                .map(byUuid)
                .ifPresent(p -> links.add(lineage("previous attempt: node " + ip + ": attempt " + p.attempt(), p)));
        Optional.ofNullable(e.supersededBy())
                .map(byUuid)
                .ifPresent(n -> links.add(lineage("superseded by: node " + ip + ": attempt " + n.attempt(), n)));
        String identity = AllureReport.identity(run.scenario(), ip);
        TestResult result = new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(identity)
                .setTestCaseId(identity)
                .setName("node " + ip + ": attempt " + e.attempt())
                .setFullName(run.scenario() + ".node " + ip)
                .setStatus(AllureStatuses.of(e))
                .setStatusDetails(AllureStatuses.details(e, ghostTags))
                .setStage(Stage.FINISHED)
                .setStart(start)
                .setStop(stop)
                .setLabels(labels)
                .setLinks(links)
                .setParameters(List.of(
                        AllureReport.param("IP", ip),
                        AllureReport.param("shard", e.shard()),
                        AllureReport.param("attempt", String.valueOf(e.attempt())),
                        AllureReport.param("control plane", run.controlPlane()),
                        AllureReport.param("thread_uuid", e.threadUuid())))
                .setDescription(description(e))
                .setSteps(steps(e, own, files));
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
                .append(e.threadUuid())
                .append("`.");
        if (e.isSuperseded()) {
            d.append(" **Superseded** by attempt ")
                    .append(e.attempt() + 1)
                    .append(" (the gatekeeper resurrected the node): the node's verdict is the later attempt's.");
        }
        return d.toString();
    }

    private List<StepResult> steps(RegistryEntry e, List<JournalEvent> own, List<String> files) {
        List<StepResult> steps = new ArrayList<>();
        JournalEvent.AttemptStarted started = own.stream()
                .filter(JournalEvent.AttemptStarted.class::isInstance)
                .map(JournalEvent.AttemptStarted.class::cast)
                .findFirst()
                .orElse(null);
        Optional<JournalEvent.Connected> connected = own.stream()
                .filter(JournalEvent.Connected.class::isInstance)
                .map(JournalEvent.Connected.class::cast)
                .findFirst();
        if (started != null) {
            long from = AllureReport.millis(started.ts());
            StepResult connect = new StepResult()
                    .setName("ssh connect")
                    .setStage(Stage.FINISHED)
                    .setStart(from);
            if (connected.isPresent()) {
                connect.setStatus(Status.PASSED)
                        .setStop(AllureReport.millis(connected.get().ts()))
                        .setParameters(List.of(
                                AllureReport.param(
                                        "connect attempts",
                                        String.valueOf(connected.get().connectAttempts())),
                                AllureReport.param(
                                        "handshake ms",
                                        String.valueOf(connected.get().handshakeMs()))));
            } else {
                boolean sshFailed = e.isFinal() && e.status().tag().startsWith("ssh_");
                connect.setStatus(sshFailed ? Status.FAILED : Status.BROKEN)
                        .setStop(AllureReport.millis(own.get(own.size() - 1).ts()))
                        .setStatusDetails(new StatusDetails()
                                .setMessage(sshFailed ? e.message() : "no connection was journaled"));
            }
            steps.add(connect);
        }
        for (CommandRecord c : e.commands()) {
            List<JournalEvent> mine =
                    own.stream().filter(x -> indexOf(x) == c.index()).toList();
            long from = mine.isEmpty() ? 0 : AllureReport.millis(mine.get(0).ts());
            long to = mine.isEmpty()
                    ? 0
                    : AllureReport.millis(mine.get(mine.size() - 1).ts());
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
                    .setStart(from)
                    .setStop(to)
                    .setParameters(List.of(
                            AllureReport.param("exit code", String.valueOf(c.exitStatus())),
                            AllureReport.param("tries", String.valueOf(c.tries())),
                            AllureReport.param("duration ms", String.valueOf(c.durationMs())),
                            AllureReport.param("outcome", c.outcome())))
                    .setAttachments(attachments));
        }
        return steps;
    }

    private static Link lineage(String name, RegistryEntry other) {
        return new Link()
                .setName(name)
                .setType("lineage")
                .setUrl("../final_aggregate_execution_run_registry.json#" + other.threadUuid());
    }

    private static int indexOf(JournalEvent e) {
        if (e instanceof JournalEvent.CommandStarted x) {
            return x.index();
        } else if (e instanceof JournalEvent.CommandFinished x) {
            return x.index();
        }
        return -1;
    }
}
