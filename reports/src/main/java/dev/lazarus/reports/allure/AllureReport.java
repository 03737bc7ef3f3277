package dev.lazarus.reports.allure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazarus.extension.RunContext;
import dev.lazarus.extension.RunObserver;
import dev.lazarus.extension.RunResult;
import dev.lazarus.journal.JournalCodec;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.monitor.FleetAssessment;
import dev.lazarus.registry.RegistryEntry;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The run as Allure results, written with Allure's own model and {@link FileSystemResultsWriter} into
 * {@code <run>/allure-results}: one result per node attempt (a step per command, stdout and stderr
 * attached), one per fleet verdict with its evidence, {@code categories.json}, {@code environment.properties}
 * and {@code executor.json}. Everything comes from the journal, so the report command rebuilds it. With
 * {@code lazarus.allure.render=true} it then renders the HTML report with the Allure CLI.
 */
public final class AllureReport implements RunObserver {

    public static final String RESULTS = "allure-results";
    public static final String REPORT = "allure-report";
    /** {@code true} renders the HTML report after writing the results; default false. */
    public static final String RENDER = "lazarus.allure.render";
    /** The Allure command line ({@code …/bin/allure}) used to render. */
    public static final String CLI = "lazarus.allure.cli";

    /** How long the results of the finished attempts may take to reach the disk once the run has ended. */
    private static final long WRITE_BOUND_MINUTES = 10;

    private final Map<String, String> env;
    /** The results written as attempts finished, for the run in progress. */
    private Early early;

    public AllureReport() {
        this(System.getenv());
    }

    /** With these environment variables instead of the process's (GitLab CI's {@code CI_*} fill executor.json). */
    public AllureReport(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public int order() {
        return 100; // after every artifact it attaches has been written
    }

    /**
     * Queues the attempt's result for the run's background writer, so it is on disk before the run ends and a
     * node worker never waits for files; {@link #runFinished} rewrites only the results whose entry changed
     * since (an attempt the gatekeeper resurrected is superseded later). The events are the attempt's journal
     * lines.
     */
    @Override
    public synchronized void attemptFinished(RunContext run, RegistryEntry entry, List<JournalEvent> events)
            throws Exception {
        if (earlyOf(run) == null) {
            early = new Early(run, new ResultFiles(run.runDir().resolve(RESULTS)));
        }
        early.write(entry, events);
    }

    /** The early results of {@code run}, or null; another run's (one that never reached its end) is abandoned. */
    private Early earlyOf(RunContext run) {
        if (early != null && !early.runId().equals(run.runId())) {
            early.abandon(); // its writer ends the result in hand and goes
            early = null;
        }
        return early;
    }

    @Override
    public synchronized void runFinished(RunContext run, RunResult result) throws Exception {
        Path results = run.runDir().resolve(RESULTS);
        Early done = earlyOf(run);
        early = null;
        Optional<Map<String, Written>> written = done == null ? Optional.empty() : done.stop();
        if (written.isPresent()) {
            new Writer(run, result, done.out(), written.get()).writeAll();
        } else {
            write(run, result, results);
        }
        if (run.parameters().getBoolean(RENDER).orElse(false)) {
            Path cli = run.parameters()
                    .get(CLI)
                    .map(Path::of)
                    .orElseThrow(() -> new IllegalStateException(
                            RENDER + "=true needs " + CLI + " (the Allure command line, …/bin/allure)"));
            long start = System.nanoTime();
            Path report = AllureCli.render(cli, results, run.runDir().resolve(REPORT));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[lazarus] Allure results: " + results);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "[lazarus] Allure report:  %s  (rendered in %.1f s, %.1f MB; serve it: " + "sh %s open %s)%n",
                    report.resolve("index.html"),
                    millis / 1000.0,
                    AllureCli.size(report) / 1e6,
                    cli,
                    report);
        } else {
            System.out.println("[lazarus] Allure results: " + results);
        }
    }

    /** Writes the results of the run into {@code results} (emptied first: a rebuild replaces them). */
    void write(RunContext run, RunResult result, Path results) throws IOException {
        if (Files.isDirectory(results)) {
            try (Stream<Path> old = Files.list(results)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        new Writer(run, result, new ResultFiles(results), Map.of()).writeAll();
    }

    /**
     * The results of a run written as its attempts finish, by one background thread: owned here, stopped by
     * {@link #stop()} at the run's end, and gone by itself after a minute idle if the run never gets there.
     */
    private static final class Early {
        private final RunContext run;
        private final ResultFiles out;
        private final Map<String, Written> written = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.ThreadPoolExecutor writer = new java.util.concurrent.ThreadPoolExecutor(
                0, 1, 1, java.util.concurrent.TimeUnit.MINUTES, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lazarus-allure-writer");
                    t.setDaemon(true);
                    return t;
                });
        private volatile Exception failure;
        /** Set when the run stops waiting for this writer: what is still queued is not written. */
        private volatile boolean abandoned;

        Early(RunContext run, ResultFiles out) {
            this.run = run;
            this.out = out;
        }

        String runId() {
            return run.runId();
        }

        ResultFiles out() {
            return out;
        }

        void write(RegistryEntry entry, List<JournalEvent> events) {
            writer.execute(() -> {
                if (abandoned) {
                    return;
                }
                try {
                    List<String> files = new AttemptResult(run, out)
                            .write(
                                    entry,
                                    events,
                                    uuid -> {
                                        Written w = written.get(uuid);
                                        return w == null ? null : w.entry();
                                    },
                                    List.of("ghost"));
                    // the attempt this one resurrected is unknown here when it never finished (a ghost): no link yet
                    boolean linked =
                            entry.previousThreadUuid() == null || written.containsKey(entry.previousThreadUuid());
                    written.put(entry.threadUuid(), new Written(entry, files, linked));
                } catch (RuntimeException e) {
                    failure = e;
                }
            });
        }

        /** Lets the writer finish the result in hand and drop the rest, without waiting for it. */
        void abandon() {
            abandoned = true;
            writer.shutdown();
        }

        /**
         * Waits for the queued results (bounded) and returns what was written; empty when they did not reach the
         * disk in time: the run's end then writes every result again into an emptied folder. The writer is not
         * interrupted (a result cut mid-file would be left behind), only told to drop what it has not begun.
         */
        Optional<Map<String, Written>> stop() throws InterruptedException {
            writer.shutdown();
            if (!writer.awaitTermination(WRITE_BOUND_MINUTES, java.util.concurrent.TimeUnit.MINUTES)) {
                abandon();
                boolean idle = writer.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
                System.out.println("[lazarus] the Allure results of the finished attempts were not written within "
                        + WRITE_BOUND_MINUTES + " minutes" + (idle ? "" : " (the writer is still busy with one)")
                        + "; the end of the run writes them all again");
                return Optional.empty();
            }
            if (failure != null) {
                // not lost: an attempt without an early result is written by the end of the run, which fails loudly
                System.out.println("[lazarus] an Allure result written during the run failed (" + failure
                        + "); the end of the run writes it again");
            }
            return Optional.of(written);
        }
    }

    /** An attempt's result as it was written: the entry it shows, its files, whether its lineage link is in. */
    private record Written(RegistryEntry entry, List<String> files, boolean linked) {}

    private final class Writer {
        private final RunContext run;
        private final RunResult result;
        private final ResultFiles out;
        private final Map<String, Written> written;
        private final List<JournalEvent> events;
        private final Map<String, List<JournalEvent>> byThread = new HashMap<>();
        private final Map<String, String> shardByIp = new HashMap<>();
        /** ip → why its shard left no journal, for the nodes of a missing shard. */
        private final Map<String, String> shardReasons = new HashMap<>();

        private final ObjectMapper json = JournalCodec.mapper();

        /** {@code written}: results already in the folder, kept where their entry is unchanged. */
        Writer(RunContext run, RunResult result, ResultFiles out, Map<String, Written> written) {
            this.run = run;
            this.result = result;
            this.out = out;
            this.written = written;
            this.events = result.events();
            for (JournalEvent e : events) {
                if (e.threadUuid() != null) {
                    byThread.computeIfAbsent(e.threadUuid(), k -> new ArrayList<>())
                            .add(e);
                }
                if (e instanceof JournalEvent.GoldList g) {
                    g.nodes().forEach(n -> shardByIp.put(n.publicIp(), g.shard()));
                }
                if (e instanceof JournalEvent.ShardMissing m) {
                    m.ips().forEach(ip -> shardReasons.put(ip, m.reason()));
                }
            }
        }

        void writeAll() throws IOException {
            Map<String, RegistryEntry> byUuid = new HashMap<>();
            result.registry().entries().forEach(e -> byUuid.put(e.threadUuid(), e));
            List<String> ghosts = ghostTags();
            AttemptResult attempts = new AttemptResult(run, out);
            Set<String> current = new HashSet<>();
            for (RegistryEntry e : result.registry().entries()) {
                current.add(e.threadUuid());
                Written early = written.get(e.threadUuid());
                if (early != null && early.linked() && early.entry().equals(e)) {
                    continue; // what the journal says of this attempt now is what its result shows
                }
                if (early != null) {
                    out.delete(early.files());
                }
                attempts.write(e, byThread.getOrDefault(e.threadUuid(), List.of()), byUuid::get, ghosts);
            }
            for (Map.Entry<String, Written> early : written.entrySet()) {
                if (!current.contains(early.getKey())) {
                    out.delete(early.getValue().files()); // not in the journal's registry: not a result
                }
            }
            unattempted(ghosts);
            unreachable();
            verdicts();
            Files.writeString(
                    out.dir().resolve("categories.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(AllureCategories.all()));
            environment();
            executor();
        }

        /** Tags every ghost shares in this run ({@code aws_outage_context} when the control plane was throttled). */
        private List<String> ghostTags() {
            boolean throttled =
                    events.stream().anyMatch(e -> e instanceof JournalEvent.ControlPlaneEvent c && c.throttled() > 0);
            return throttled ? List.of("ghost", "aws_outage_context") : List.of("ghost");
        }

        /** Ghosts no attempt was ever journaled for (a shard that died): one result each, so every node shows. */
        private void unattempted(List<String> ghostTags) {
            Set<String> attempted = new HashSet<>();
            result.registry().entries().forEach(e -> attempted.add(e.publicIp()));
            Map<String, String> reasons = shardReasons;
            long at = millis(events.get(events.size() - 1).ts());
            for (String ip : result.assessment().ghosts()) {
                if (attempted.contains(ip)) {
                    continue;
                }
                List<String> tags = new ArrayList<>(ghostTags);
                if (reasons.containsKey(ip)) {
                    tags.add("shard_missing");
                }
                List<Label> labels = new ArrayList<>(List.of(
                        label("host", ip),
                        label("parentSuite", run.scenario()),
                        label("suite", "shard " + shardOf(ip)),
                        label("framework", "lazarus")));
                tags.forEach(t -> labels.add(label("tag", t)));
                out.write(new TestResult()
                        .setUuid(UUID.randomUUID().toString())
                        .setHistoryId(identity(run.scenario(), ip))
                        .setTestCaseId(identity(run.scenario(), ip))
                        .setName("node " + ip + ": no attempt")
                        .setFullName(run.scenario() + ".node " + ip)
                        .setStatus(Status.BROKEN)
                        .setStage(Stage.FINISHED)
                        .setStart(at)
                        .setStop(at)
                        .setStatusDetails(new StatusDetails()
                                .setMessage("ghost: no attempt was journaled; "
                                        + reasons.getOrDefault(ip, "the node was never started") + " " + tags))
                        .setLabels(labels)
                        .setParameters(List.of(
                                param("IP", ip),
                                param("shard", shardOf(ip)),
                                param("control plane", run.controlPlane()))));
            }
        }

        private String shardOf(String ip) {
            return shardByIp.getOrDefault(ip, run.shard());
        }

        private void unreachable() {
            for (JournalEvent e : events) {
                if (e instanceof JournalEvent.ControlPlaneEvent c && "instance_unreachable".equals(c.kind())) {
                    String id = String.valueOf(c.details().get("instance_id"));
                    long at = millis(c.ts());
                    out.write(new TestResult()
                            .setUuid(UUID.randomUUID().toString())
                            .setHistoryId(identity(run.scenario(), id))
                            .setTestCaseId(identity(run.scenario(), id))
                            .setName("instance " + id + ": no node")
                            .setFullName(run.scenario() + ".instance " + id)
                            .setStatus(Status.FAILED)
                            .setStage(Stage.FINISHED)
                            .setStart(at)
                            .setStop(at)
                            .setStatusDetails(new StatusDetails()
                                    .setMessage("unreachable: instance " + id + " never became a node: "
                                            + c.details().get("reason")))
                            .setLabels(List.of(
                                    label("parentSuite", run.scenario()),
                                    label("suite", "shard " + run.shard()),
                                    label("tag", "unreachable"))));
                }
            }
        }

        private void verdicts() throws IOException {
            FleetAssessment a = result.assessment();
            long end = millis(events.get(events.size() - 1).ts());
            StringBuilder ghostList = new StringBuilder();
            Map<String, String> reasons = shardReasons;
            a.ghosts()
                    .forEach(ip -> ghostList
                            .append(ip)
                            .append("  last lifecycle event: ")
                            .append(result.registry().lastEventOf(ip).orElse("none"))
                            .append(reasons.containsKey(ip) ? "  (" + reasons.get(ip) + ")" : "")
                            .append('\n'));
            List<Attachment> ghostEvidence = new ArrayList<>();
            ghostEvidence.add(attach(
                    "ghosts with their last lifecycle event",
                    ghostList.length() == 0 ? "none\n" : ghostList.toString(),
                    "text/plain",
                    "txt"));
            artifact("aggregate_ghost_detail.json", "application/json").ifPresent(ghostEvidence::add);
            verdict(
                    "verdict: ghosts",
                    a.ghosts().isEmpty(),
                    a.ghosts().size() + " ghost(s): " + String.join(", ", a.ghosts()),
                    end,
                    ghostEvidence);

            List<Attachment> untraceable = List.of(attach(
                    "untraceable entries",
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(a.untraceable()),
                    "application/json",
                    "json"));
            verdict(
                    "verdict: untraceable entries",
                    a.untraceable().isEmpty(),
                    a.untraceable().size() + " untraceable entr(y/ies) without a valid IP",
                    end,
                    untraceable);

            List<Attachment> invariant = new ArrayList<>();
            invariant.add(attach("arithmetic", a.arithmetic() + "\n", "text/plain", "txt"));
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
                var m = json.readTree(matrix.toFile());
                boolean clean =
                        m.path("missed").asInt() == 0 && m.path("false_alarms").asInt() == 0;
                List<Attachment> evidence = new ArrayList<>();
                artifact("injection_matrix.log", "text/plain").ifPresent(evidence::add);
                artifact("injection_matrix.json", "application/json").ifPresent(evidence::add);
                verdict(
                        "verdict: injection matrix",
                        clean,
                        m.path("missed").asInt() + " missed, "
                                + m.path("false_alarms").asInt() + " false alarm(s)",
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
                    .setStatusDetails(passed ? null : new StatusDetails().setMessage(failure))
                    .setStage(Stage.FINISHED)
                    .setStart(at)
                    .setStop(at)
                    .setLabels(List.of(
                            label("parentSuite", run.scenario()),
                            label("suite", "verdicts"),
                            label("framework", "lazarus")))
                    .setAttachments(evidence));
        }

        private void environment() throws IOException {
            Properties p = new Properties();
            p.setProperty("scenario", run.scenario());
            p.setProperty("run_id", run.runId());
            p.setProperty("control_plane", run.controlPlane());
            p.setProperty(
                    "fleet_size", String.valueOf(result.assessment().gold().size()));
            p.setProperty("shard", run.shard());
            run.parameters().get("lazarus.ec2.region").ifPresent(r -> p.setProperty("region", r));
            events.stream()
                    .filter(JournalEvent.RunStarted.class::isInstance)
                    .map(JournalEvent.RunStarted.class::cast)
                    .findFirst()
                    .ifPresent(s -> p.setProperty("jdk", s.jdk()));
            result.watchdog().ifPresent(w -> {
                p.setProperty(
                        "watchdog_timeout_seconds", String.valueOf(w.timeout().toSeconds()));
                p.setProperty("watchdog", w.describe());
            });
            StringWriter text = new StringWriter();
            p.store(text, null);
            // Properties writes a date comment first; the report shows every line, so keep only the entries
            String body = text.toString()
                    .lines()
                    .filter(l -> !l.startsWith("#"))
                    .sorted()
                    .reduce("", (x, y) -> x + y + "\n");
            Files.writeString(out.dir().resolve("environment.properties"), body);
        }

        /** {@code executor.json} from GitLab CI's variables, when the run is a CI job. */
        private void executor() throws IOException {
            if (env.get("CI_JOB_ID") == null) {
                return;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", "GitLab CI");
            e.put("type", "gitlab");
            e.put("url", env.getOrDefault("CI_SERVER_URL", ""));
            e.put("buildOrder", env.getOrDefault("CI_PIPELINE_IID", env.getOrDefault("CI_PIPELINE_ID", "")));
            e.put("buildName", env.getOrDefault("CI_JOB_NAME", "job") + " #" + env.get("CI_JOB_ID"));
            e.put("buildUrl", env.getOrDefault("CI_JOB_URL", ""));
            e.put("reportName", "Lazarus · " + run.scenario());
            Files.writeString(
                    out.dir().resolve("executor.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(e));
        }

        private Optional<Attachment> artifact(String name, String type) throws IOException {
            Path file = run.runDir().resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(attach(name, Files.readAllBytes(file), type, ext));
        }

        private Attachment attach(String name, String content, String type, String ext) {
            return out.attach(name, content, type, ext);
        }

        private Attachment attach(String name, byte[] content, String type, String ext) {
            return out.attach(name, content, type, ext);
        }
    }

    /** historyId and testCaseId: stable per scenario and node, so trends and retries line up across runs. */
    static String identity(String scenario, String node) {
        return UUID.nameUUIDFromBytes(("lazarus|" + scenario + "|" + node).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static Label label(String name, String value) {
        return new Label().setName(name).setValue(value == null ? "" : value);
    }

    static Parameter param(String name, String value) {
        return new Parameter().setName(name).setValue(value == null ? "" : value);
    }

    static long millis(String ts) {
        return Instant.parse(ts).toEpochMilli();
    }
}
