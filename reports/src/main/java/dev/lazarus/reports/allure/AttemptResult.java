package dev.lazarus.reports.allure;

import static dev.lazarus.reports.allure.Labels.label;
import static dev.lazarus.reports.allure.Labels.millis;
import static dev.lazarus.reports.allure.Labels.param;

import dev.lazarus.spi.AttemptTimeline;
import dev.lazarus.spi.CheckRecord;
import dev.lazarus.spi.CommandRecord;
import dev.lazarus.spi.FactRecord;
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
 * One node attempt as an Allure result: a step for the SSH connect, one per {@code @BeforeInstall} method, one per
 * command (stdout and stderr attached), one per node check (its host facts as sub-steps with their commands, their
 * output attached: to each fact when the check did not pass, as one transcript when it did; the check's assertion
 * message as the step's failure), labels host / thread / suites / tags, parameters, lineage links, and the historyId shared by every attempt of the
 * node, so a resurrection shows as a retry. Built from the attempt's registry entry and its timeline.
 */
final class AttemptResult {

    private final RunContext run;
    private final ResultFiles out;
    private final GhostHistory ghosts;

    /** For an attempt written as it ends, before any monitor pass. */
    AttemptResult(RunContext run, ResultFiles out) {
        this(run, out, GhostHistory.none());
    }

    /** @param ghosts the run's ghosts at any pass: a recovered node's verdict says it was one */
    AttemptResult(RunContext run, ResultFiles out, GhostHistory ghosts) {
        this.run = run;
        this.out = out;
        this.ghosts = ghosts;
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
                label("host", Labels.sortable(ip)),
                label("thread", e.thread()),
                label("parentSuite", run.scenario()),
                label("suite", "shard " + e.shard()),
                label("framework", "lazarus"),
                label("language", "java")));
        if (e.attempt() > 1) {
            labels.add(label("subSuite", "resurrections"));
        }
        labels.addAll(Labels.behaviour(run.scenario(), e.isFinal() ? e.status().tag() : "ghost", story(e)));
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
                .setName(Labels.nodeName(ip, "attempt " + e.attempt()))
                .setFullName(run.scenario() + ".node " + ip)
                .setStatus(AllureStatuses.of(e))
                .setStatusDetails(details(e, ghostTags))
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

    /** Behaviors' story: what the node failed on, the failing command or the first check that did not pass. */
    private static String story(RegistryEntry e) {
        if (!e.isFinal()) {
            return "no verdict (ghost attempt)";
        }
        if (e.failingCommand() != null) {
            return "command " + (e.failingCommandIndex() + 1) + ": " + e.failingCommand();
        }
        return e.checks().stream()
                .filter(c -> !CheckRecord.PASSED.equals(c.outcome()))
                .findFirst()
                .map(c -> (CheckRecord.BEFORE_INSTALL.equals(c.phase()) ? "before install " : "check ") + c.name())
                .orElse(
                        e.status().isSuccess()
                                ? "every command and check passed"
                                : e.status().tag());
    }

    /** The status details, with the note a recovered ghost's verdict carries (passed ones too). */
    private StatusDetails details(RegistryEntry e, List<String> ghostTags) {
        StatusDetails details = AllureStatuses.details(e, ghostTags);
        if (!e.isFinal() || !ghosts.recovered().containsKey(e.publicIp())) {
            return details;
        }
        String note = ghosts.note(e.publicIp());
        if (details == null) {
            return new StatusDetails().setMessage(note);
        }
        return details.setMessage(details.getMessage() + "\n(" + note + ")");
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
        e.checks().stream()
                .filter(c -> !c.isCheck())
                .forEach(c -> steps.add(checkStep("@BeforeInstall " + c.name(), c, files)));
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
            if (c.whitelistedCount() > 0) {
                attachments.add(out.attach("stderr (whitelisted)", whitelisted(c), "text/plain", "txt"));
            }
            if (c.tryLog().size() > 1) {
                attachments.add(out.attach("tries", tries(c), "text/plain", "txt"));
            }
            attachments.forEach(a -> files.add(a.getSource()));
            steps.add(new StepResult()
                    .setName(c.command())
                    .setStatus(
                            switch (c.outcome()) {
                                case "success" -> Status.PASSED;
                                case "lock_contention" -> Status.BROKEN;
                                case "watchdog_timeout" -> Status.BROKEN;
                                default -> Status.FAILED;
                            })
                    .setStage(Stage.FINISHED)
                    .setStart(span.map(s -> millis(s.startedAt())).orElse(0L))
                    .setStop(span.map(s -> millis(s.endedAt())).orElse(0L))
                    .setParameters(List.of(
                            param("exit code", String.valueOf(c.exitStatus())),
                            param("tries", String.valueOf(c.tries())),
                            param("lock waits", String.valueOf(c.lockWaits())),
                            param("duration ms", String.valueOf(c.durationMs())),
                            param("outcome", c.outcome())))
                    .setAttachments(attachments));
        }
        e.checks().stream()
                .filter(CheckRecord::isCheck)
                .forEach(c -> steps.add(checkStep("check " + c.name(), c, files)));
        return steps;
    }

    /** What the whitelist took for noise on the last try: the count and the first lines. */
    private static String whitelisted(CommandRecord c) {
        return c.whitelistedCount() + " line(s) taken for noise"
                + (c.whitelistedCount() > c.whitelistedStderr().size() ? "; the first:" : ":") + "\n"
                + String.join("\n", c.whitelistedStderr()) + "\n";
    }

    /** Every try in short, waits on a package lock included. */
    private static String tries(CommandRecord c) {
        StringBuilder b = new StringBuilder();
        for (CommandRecord.Try t : c.tryLog()) {
            b.append("try ")
                    .append(t.number())
                    .append(": ")
                    .append(t.outcome())
                    .append(", exit ")
                    .append(t.exitStatus())
                    .append(", ")
                    .append(t.durationMs())
                    .append(" ms");
            if (t.firstStderrLine() != null) {
                b.append(", stderr: ").append(t.firstStderrLine());
            }
            b.append('\n');
        }
        return b.append("total ")
                .append(c.totalDurationMs())
                .append(" ms, pauses included\n")
                .toString();
    }

    /** A scenario method: passed, failed (an assertion), broken (another exception, or it never ended). */
    private StepResult checkStep(String name, CheckRecord c, List<String> files) {
        Status status = c.outcome() == null
                ? Status.BROKEN
                : switch (c.outcome()) {
                    case CheckRecord.PASSED -> Status.PASSED;
                    case CheckRecord.FAILED -> Status.FAILED;
                    default -> Status.BROKEN;
                };
        // a check that passed keeps its facts' output in one transcript: a file per fact and node is a cost a fleet
        // pays thousands of times over for output nobody reads; one that did not pass shows each fact's own
        boolean passed = status == Status.PASSED;
        List<StepResult> facts = new ArrayList<>();
        for (FactRecord f : c.facts()) {
            facts.add(factStep(f, !passed, files));
        }
        List<Attachment> transcript = new ArrayList<>();
        if (passed && !c.facts().isEmpty()) {
            transcript.add(out.attach("host facts", transcript(c.facts()), "text/plain", "txt"));
            transcript.forEach(a -> files.add(a.getSource()));
        }
        StepResult step = new StepResult()
                .setName(name)
                .setStatus(status)
                .setStage(Stage.FINISHED)
                .setStart(millis(c.startedAt()))
                .setStop(c.endedAt() == null ? millis(c.startedAt()) : millis(c.endedAt()))
                .setSteps(facts)
                .setAttachments(transcript);
        if (c.outcome() == null) {
            step.setStatusDetails(new StatusDetails().setMessage("the attempt ended while this ran"));
        } else if (c.message() != null) {
            step.setStatusDetails(new StatusDetails().setMessage(c.message()));
        }
        return step;
    }

    /** Each fact's command, exit code and output, one after the other. */
    private static String transcript(List<FactRecord> facts) {
        StringBuilder b = new StringBuilder();
        for (FactRecord f : facts) {
            b.append("$ ")
                    .append(f.command())
                    .append("    # ")
                    .append(f.fact())
                    .append(", exit ")
                    .append(f.exitStatus())
                    .append('\n');
            f.stdout().forEach(l -> b.append(l).append('\n'));
            f.stderr().forEach(l -> b.append("stderr: ").append(l).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * One host fact a check read: the command that read it, its exit code and classification, and (when {@code
     * attach}) its output.
     */
    private StepResult factStep(FactRecord f, boolean attach, List<String> files) {
        List<Attachment> attachments = new ArrayList<>();
        if (attach && !f.stdout().isEmpty()) {
            attachments.add(out.attach("stdout", String.join("\n", f.stdout()) + "\n", "text/plain", "txt"));
        }
        if (!f.stderr().isEmpty()) {
            attachments.add(
                    out.attach("stderr (not whitelisted)", String.join("\n", f.stderr()) + "\n", "text/plain", "txt"));
        }
        attachments.forEach(a -> files.add(a.getSource()));
        long stop = millis(f.at());
        return new StepResult()
                .setName(f.fact())
                // a fact's step passes when it was read: whether the node is right is the check's to say
                .setStatus(f.exitStatus() == null ? Status.BROKEN : Status.PASSED)
                .setStage(Stage.FINISHED)
                .setStart(stop - f.durationMs())
                .setStop(stop)
                .setParameters(List.of(
                        param("command", f.command()),
                        param("exit code", String.valueOf(f.exitStatus())),
                        param("outcome", f.outcome())))
                .setAttachments(attachments);
    }

    private static Link lineage(String name, RegistryEntry other) {
        return new Link()
                .setName(name)
                .setType("lineage")
                .setUrl("../final_aggregate_execution_run_registry.json#" + other.attemptId());
    }
}
