package dev.lazarus.execution;

import dev.lazarus.config.LazarusConfigurationException;
import dev.lazarus.config.LazarusParameters;
import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.control.Cancellation;
import dev.lazarus.control.ErrorBudget;
import dev.lazarus.controlplane.ControlPlaneFactory;
import dev.lazarus.controlplane.ControlPlaneJournal;
import dev.lazarus.controlplane.ControlPlanes;
import dev.lazarus.controlplane.Fleet;
import dev.lazarus.controlplane.FleetRequest;
import dev.lazarus.controlplane.Node;
import dev.lazarus.controlplane.Unreachable;
import dev.lazarus.engine.InstanceTestDescriptor;
import dev.lazarus.engine.NodeTestDescriptor;
import dev.lazarus.engine.ResurrectionRoundDescriptor;
import dev.lazarus.engine.ScenarioDescriptor;
import dev.lazarus.engine.ShardDescriptor;
import dev.lazarus.engine.VerdictDescriptor;
import dev.lazarus.extension.NodeHooks;
import dev.lazarus.extension.NodeLifecycle;
import dev.lazarus.extension.RunContext;
import dev.lazarus.extension.RunResult;
import dev.lazarus.extension.WorkerVanished;
import dev.lazarus.gatekeeper.Gatekeeper;
import dev.lazarus.gatekeeper.ResurrectionPolicy;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalTail;
import dev.lazarus.monitor.FleetAssessment;
import dev.lazarus.monitor.Monitor;
import dev.lazarus.monitor.RunReplay;
import dev.lazarus.registry.Registry;
import dev.lazarus.registry.RegistryEntry;
import dev.lazarus.shard.Shard;
import dev.lazarus.ssh.HandshakePermits;
import dev.lazarus.ssh.NodeSession;
import dev.lazarus.ssh.SshSettings;
import dev.lazarus.ssh.StreamWatchdog;
import dev.lazarus.verdict.Status;
import dev.lazarus.watchdog.WatchdogTimeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one scenario: control plane → gold list on disk → one dynamic test per node, all in flight →
 * verdicts from the journal → observers. Owns every thread it starts and stops them before it returns.
 */
public final class ScenarioRun {

    /** sshj's DefaultConfig is costly to build and safe to share between clients. */
    private static final Config SSH_CONFIG = new DefaultConfig();

    private final ScenarioDescriptor scenario;
    private final EngineExecutionListener listener;
    private final ControlPlanes controlPlanes;
    private final Observers observers;
    private final List<NodeLifecycle> extensions;

    public ScenarioRun(ScenarioDescriptor scenario, EngineExecutionListener listener, ClassLoader loader) {
        this.scenario = scenario;
        this.listener = listener;
        this.controlPlanes = ControlPlanes.load(loader);
        this.observers = Observers.load(loader);
        List<NodeLifecycle> found = new ArrayList<>();
        ServiceLoader.load(NodeLifecycle.class, loader).forEach(found::add);
        this.extensions = List.copyOf(found);
    }

    public void execute() {
        listener.executionStarted(scenario);
        if (scenario.configurationError().isPresent()) {
            LazarusConfigurationException error = scenario.configurationError().get();
            skipVerdicts("bad configuration: " + error.getMessage());
            listener.executionFinished(scenario, TestExecutionResult.failed(error));
            return;
        }
        TestExecutionResult result;
        try {
            result = run();
        } catch (Exception e) {
            skipVerdicts("the run ended before verdicts: " + e.getMessage());
            result = TestExecutionResult.failed(e);
        }
        listener.executionFinished(scenario, result);
    }

    private TestExecutionResult run() throws Exception {
        ScenarioConfig config = scenario.config();
        String runId = RunIds.next(config.name());
        Path runDir = config.outputDir().resolve(runId);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new LazarusConfigurationException(
                    LazarusParameters.OUTPUT_DIR + ": cannot create the run folder " + runDir + ": " + e, e);
        }
        long startNanos = System.nanoTime();
        try (Cancellation cancellation = Cancellation.watch(config.cancelTimeout());
                Journal journal = Journal.create(runDir.resolve(Journal.FILE_NAME))) {
            RunContext context = new RunContext(
                    runId,
                    config.name(),
                    config.controlPlane(),
                    runDir,
                    journal.file(),
                    config.shard().label(),
                    config.parameters());
            // the monitor and the end of the run read the journal back; each line is parsed once
            JournalTail readBack = new JournalTail(journal.file());
            journal.append(new JournalEvent.RunStarted(
                    Events.now(),
                    runId,
                    config.name(),
                    config.controlPlane(),
                    config.fleetSize(),
                    config.shard().label(),
                    ProcessHandle.current().pid(),
                    Runtime.version().toString(),
                    config.commands()));
            ControlPlaneFactory controlPlane = controlPlanes.get(config.controlPlane());
            ControlPlaneJournal controlPlaneJournal = (kind, details) -> journal.append(
                    new JournalEvent.ControlPlaneEvent(Events.now(), kind, new java.util.LinkedHashMap<>(details)));
            var knownAddresses = controlPlane.knownAddresses(config.parameters(), config.fleetSize());
            List<NodeLifecycle.RunPart> parts = extensions.stream()
                    .map(e -> e.forRun(config.scenarioClass(), config.parameters(), config.fleetSize(), knownAddresses))
                    .toList();
            NodeLifecycle.InjectionJournal planned = (fault, ip, status, tags) ->
                    journal.append(new JournalEvent.InjectionPlanned(Events.now(), fault, ip, status, tags));
            Map<String, String> planeParameters = new LinkedHashMap<>();
            parts.forEach(part -> planeParameters.putAll(part.controlPlaneParameters(planned)));
            try (Fleet fleet = controlPlane.provision(new FleetRequest(
                    config.fleetSize(), runId, config.parameters().with(planeParameters), controlPlaneJournal))) {
                if (fleet.nodes().isEmpty() && fleet.unreachable().isEmpty()) {
                    throw new IllegalStateException(
                            "the control plane '" + config.controlPlane() + "' returned no nodes");
                }
                List<Node> selected = select(fleet.nodes());
                // a node re-run by unique id is not sharded; otherwise this job takes its slice of the gold list
                Shard shard = scenario.selectedIps().isEmpty() ? config.shard() : Shard.WHOLE;
                List<Node> gold = shard.slice(selected);
                journal.appendDurably(new JournalEvent.GoldList(
                        Events.now(),
                        runId,
                        config.shard().label(),
                        goldNodes(gold),
                        shard.isWhole() ? null : goldNodes(selected)));
                WatchdogTimeout watchdog = config.watchdogOverride()
                        .map(d -> WatchdogTimeout.fixed(d, gold.size(), fleet.instanceType(), fleet.maxRetryObserved()))
                        .orElseGet(() ->
                                WatchdogTimeout.adaptive(gold.size(), fleet.instanceType(), fleet.maxRetryObserved()));
                journal.append(new JournalEvent.WatchdogConfigured(
                        Events.now(),
                        watchdog.timeout().toSeconds(),
                        watchdog.nodeCount(),
                        watchdog.instanceType(),
                        watchdog.scale(),
                        watchdog.maxRetryObserved(),
                        watchdog.overridden()));
                // injections are planned over the whole fleet, so every shard agrees; each journals its own
                List<String> fleetIps = selected.stream().map(Node::publicIp).toList();
                Set<String> shardIps = new java.util.HashSet<>(
                        gold.stream().map(Node::publicIp).toList());
                NodeLifecycle.InjectionJournal injections = (fault, ip, status, tags) -> {
                    if (shardIps.contains(ip)) {
                        planned.planned(fault, ip, status, tags);
                    }
                };
                NodeHooks hooks = CompositeHooks.of(parts.stream()
                        .map(p -> p.nodeHooks(fleetIps, injections))
                        .toList());
                observers.each(o -> o.goldListReady(context, gold));
                boolean allSucceeded = false;
                try {
                    ErrorBudget budget = config.maxFailures()
                            .map(m -> new ErrorBudget(
                                    m.of(gold.size()),
                                    LazarusParameters.MAX_FAILURES + "=" + m + " = " + m.of(gold.size()) + " of "
                                            + gold.size()))
                            .orElseGet(ErrorBudget::unlimited);
                    Dispatch dispatch = new Dispatch(context, journal, readBack, watchdog, hooks, budget, cancellation);
                    // instances without a node are reported once, by the first shard
                    List<Unreachable> unreachable = shard.index() == 1 ? fleet.unreachable() : List.of();
                    OpenPass firstPass = runShard(dispatch, gold, selected.size(), unreachable);
                    allSucceeded = resurrect(dispatch, gold, firstPass) && unreachable.isEmpty();
                } finally {
                    fleet.runEnded(allSucceeded);
                }
            }
            if (cancellation.cancelled()) {
                journal.append(new JournalEvent.RunCancelled(Events.now(), cancellation.reason()));
            }
            journal.append(new JournalEvent.RunFinished(
                    Events.now(),
                    runId,
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                    cancellation.cancelled()));
            RunResult result = RunReplay.of(journal.file(), readBack.read()).result();
            runVerdicts(result.assessment(), result.registry());
            observers.each(o -> o.runFinished(context, result));
        }
        List<Throwable> failures = observers.failures();
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(failures.size() + " report observer(s) failed; the "
                    + "journal is complete and the reports can be rebuilt from it: "
                    + failures.get(0).getMessage());
            failures.forEach(e::addSuppressed);
            return TestExecutionResult.failed(e);
        }
        return TestExecutionResult.successful();
    }

    private static List<JournalEvent.GoldNode> goldNodes(List<Node> nodes) {
        return nodes.stream()
                .map(n -> new JournalEvent.GoldNode(n.publicIp(), n.privateIp(), n.instanceId()))
                .toList();
    }

    /** The nodes this run targets: all of them, or those an IDE asked to re-run. */
    private List<Node> select(List<Node> nodes) {
        Set<String> wanted = scenario.selectedIps();
        if (wanted.isEmpty()) {
            return nodes;
        }
        List<Node> selected =
                nodes.stream().filter(n -> wanted.contains(n.publicIp())).toList();
        Set<String> missing = new LinkedHashSet<>(wanted);
        selected.forEach(n -> missing.remove(n.publicIp()));
        if (!missing.isEmpty()) {
            throw new LazarusConfigurationException("node(s) " + missing + " selected by unique id are not in the "
                    + "fleet the control plane returned (" + nodes.size() + " nodes)");
        }
        return selected;
    }

    /**
     * What every pass of a run shares: where it journals and how the monitor reads that back, its watchdog
     * timeout, the node hooks, the error budget and the cancellation.
     */
    private record Dispatch(
            RunContext context,
            Journal journal,
            JournalTail readBack,
            WatchdogTimeout watchdog,
            NodeHooks hooks,
            ErrorBudget budget,
            Cancellation cancellation) {

        /** Why no further node may start, if one may not. */
        Optional<Stop> stop() {
            if (cancellation.cancelled()) {
                return Optional.of(new Stop(cancellation.reason(), "cancelled"));
            }
            if (budget.tripped()) {
                return Optional.of(new Stop(budget.reason(), "circuit_open"));
            }
            return Optional.empty();
        }

        /**
         * Starts an attempt ({@code start} journals it) unless the run has stopped. Under the error budget's
         * lock, so no attempt is journaled as started once the breaker has tripped.
         */
        Optional<Stop> admit(Runnable start) {
            synchronized (budget) {
                Optional<Stop> stop = stop();
                if (stop.isEmpty()) {
                    start.run();
                }
                return stop;
            }
        }
    }

    /** Why nodes are no longer started, and the tag their skipped entries get. */
    private record Stop(String reason, String tag) {}

    /** One attempt to run: the node, its attempt number, and the attempt it resurrects (null for the first). */
    private record Planned(Node node, int attempt, String previousThreadUuid) {}

    /** A failed node test whose result waits for the gatekeeper: superseded if its node is resurrected. */
    private record Deferred(NodeTestDescriptor test, NodeInstallFailure failure) {}

    /** A pass's container, still open, and the failed tests it held back for the gatekeeper. */
    private record OpenPass(TestDescriptor container, List<Deferred> deferred) {}

    /** The first pass: every node of the shard, attempt 1. */
    private OpenPass runShard(Dispatch dispatch, List<Node> gold, int fleetSize, List<Unreachable> unreachable)
            throws InterruptedException {
        ShardDescriptor shard = new ShardDescriptor(
                scenario.getUniqueId(),
                scenario.config().shard().index(),
                scenario.config().shard().total(),
                gold.size(),
                fleetSize);
        scenario.addChild(shard);
        listener.dynamicTestRegistered(shard);
        listener.executionStarted(shard);
        reportUnreachable(shard, unreachable);
        try {
            return runPass(
                    dispatch,
                    shard,
                    gold.stream().map(n -> new Planned(n, 1, null)).toList(),
                    scenario.config().name(),
                    scenario.config().resurrection().rounds() > 0);
        } catch (RuntimeException | InterruptedException e) {
            listener.executionFinished(shard, TestExecutionResult.failed(e));
            throw e;
        }
    }

    /**
     * Monitor → gatekeeper → resurrection round, for as many rounds as the policy allows. The monitor's
     * findings and every decision are journaled before a round starts, and once more after the last one.
     *
     * @return true when every gold node ended {@code install_success}
     */
    private boolean resurrect(Dispatch dispatch, List<Node> gold, OpenPass first) throws InterruptedException {
        ResurrectionPolicy policy = scenario.config().resurrection();
        Gatekeeper gatekeeper = new Gatekeeper(policy);
        Map<String, Node> byIp = new LinkedHashMap<>();
        gold.forEach(n -> byIp.putIfAbsent(n.publicIp(), n));
        long firstPassEnded = System.nanoTime();
        Journal journal = dispatch.journal();
        HeldFailures held = new HeldFailures();
        held.passEnded(first);
        try {
            for (int round = 1; ; round++) {
                Registry registry = Registry.replay(dispatch.readBack().read().events());
                FleetAssessment a = Monitor.assess(registry);
                journal.append(new JournalEvent.MonitorPass(
                        Events.now(),
                        round - 1,
                        a.ghosts(),
                        a.untraceable().stream().map(RegistryEntry::threadUuid).toList(),
                        a.candidates(),
                        a.invariantHolds(),
                        a.arithmetic()));
                boolean clean = a.ghosts().isEmpty() && a.candidates().isEmpty();
                if (clean || round > policy.rounds() || dispatch.stop().isPresent()) {
                    held.failRest(TestExecutionResult.successful());
                    return clean;
                }
                List<Gatekeeper.Decision> admitted = new ArrayList<>();
                for (Gatekeeper.Decision d :
                        gatekeeper.decide(round, a, registry, Duration.ofNanos(System.nanoTime() - firstPassEnded))) {
                    journal.append(new JournalEvent.GatekeeperDecision(
                            Events.now(), round, d.publicIp(), d.previousThreadUuid(), d.resurrect(), d.reason()));
                    if (d.resurrect()) {
                        admitted.add(d);
                        held.superseded(d, round);
                    } else if (!d.overBudget() || round == policy.rounds()) {
                        held.failed(d.publicIp());
                    }
                }
                held.closeSettled();
                if (admitted.isEmpty()) {
                    held.failRest(TestExecutionResult.successful());
                    return false;
                }
                ResurrectionRoundDescriptor container = new ResurrectionRoundDescriptor(scenario.getUniqueId(), round);
                scenario.addChild(container);
                listener.dynamicTestRegistered(container);
                listener.executionStarted(container);
                List<Planned> planned = admitted.stream()
                        .map(d -> new Planned(byIp.get(d.publicIp()), d.previousAttempt() + 1, d.previousThreadUuid()))
                        .toList();
                try {
                    held.passEnded(runPass(
                            dispatch,
                            container,
                            planned,
                            scenario.config().name() + " round " + round,
                            round < policy.rounds()));
                } catch (RuntimeException | InterruptedException e) {
                    listener.executionFinished(container, TestExecutionResult.failed(e));
                    throw e;
                }
                held.closeSettled();
            }
        } catch (RuntimeException | InterruptedException e) {
            held.failRest(TestExecutionResult.failed(e));
            throw e;
        }
    }

    /**
     * Failed tests held back for the gatekeeper, and the pass containers that stay open until every one of
     * their held tests is settled: aborted as superseded when the node gets another attempt, failed when it
     * cannot (a node left out only because a round was full waits for the next round).
     */
    private final class HeldFailures {
        private final Map<String, Deferred> byIp = new LinkedHashMap<>();
        private final Map<TestDescriptor, Integer> openContainers = new LinkedHashMap<>();

        void passEnded(OpenPass pass) {
            openContainers.put(pass.container(), pass.deferred().size());
            pass.deferred().forEach(d -> byIp.put(d.test().ip(), d));
        }

        void superseded(Gatekeeper.Decision decision, int round) {
            Deferred d = byIp.remove(decision.publicIp());
            if (d != null) {
                finish(
                        d,
                        TestExecutionResult.aborted(new AttemptSuperseded(
                                "superseded: the gatekeeper gave this node "
                                        + "attempt " + (d.test().attempt() + 1) + " in resurrection round " + round
                                        + " ("
                                        + decision.reason() + "); this attempt: "
                                        + d.failure().getMessage(),
                                d.failure())));
            }
        }

        void failed(String ip) {
            Deferred d = byIp.remove(ip);
            if (d != null) {
                finish(d, TestExecutionResult.failed(d.failure()));
            }
        }

        /** Finishes every container whose held tests are all settled. */
        void closeSettled() {
            openContainers.entrySet().removeIf(e -> {
                if (e.getValue() > 0) {
                    return false;
                }
                listener.executionFinished(e.getKey(), TestExecutionResult.successful());
                return true;
            });
        }

        /** The run is over: every held test fails, every open container finishes. */
        void failRest(TestExecutionResult containerResult) {
            List.copyOf(byIp.keySet()).forEach(this::failed);
            openContainers.keySet().forEach(c -> listener.executionFinished(c, containerResult));
            openContainers.clear();
        }

        private void finish(Deferred d, TestExecutionResult result) {
            listener.executionFinished(d.test(), result);
            d.test().getParent().ifPresent(c -> openContainers.computeIfPresent(c, (k, n) -> n - 1));
        }
    }

    /** Runs the planned attempts as dynamic tests of {@code container}, all in flight up to the concurrency cap. */
    private OpenPass runPass(
            Dispatch dispatch, TestDescriptor container, List<Planned> planned, String label, boolean deferFailures)
            throws InterruptedException {
        List<Deferred> deferred = java.util.Collections.synchronizedList(new ArrayList<>());
        ScenarioConfig config = scenario.config();
        WatchdogTimeout watchdog = dispatch.watchdog();
        SshSettings ssh = new SshSettings(
                config.connectTimeout(),
                config.authTimeout(),
                config.connectAttempts(),
                config.connectBackoff(),
                Duration.ofMinutes(10));
        Duration attemptBound = config.attemptTimeout().orElseGet(() -> attemptBound(config, watchdog.timeout()));
        int concurrency = Math.min(config.concurrency(), planned.size());
        ExecutorService workers = Workers.perTask("lazarus-node");
        ExecutorService drainers = Workers.perTask("lazarus-drain");
        ScheduledExecutorService harnessWatchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazarus-harness-watchdog");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch finished = new CountDownLatch(planned.size());
        Semaphore window = new Semaphore(concurrency);
        boolean terminal = Terminal.interactive();
        try (StreamWatchdog streamWatchdog = new StreamWatchdog(watchdog.timeout());
                ProgressLine progress = new ProgressLine(
                        label,
                        planned.size(),
                        config.progressInterval().orElse(Duration.ofSeconds(terminal ? 1 : 5)),
                        System.out,
                        terminal)) {
            AttemptEnvironment env = new AttemptEnvironment(
                    config,
                    config.shard().label(),
                    dispatch.journal(),
                    SSH_CONFIG,
                    ssh,
                    new HandshakePermits(config.handshakePermits()),
                    streamWatchdog,
                    drainers,
                    dispatch.hooks());
            long waitMillis = attemptBound.toMillis() + 60_000;
            int batchSize = config.batch().orElse(planned.size());
            for (int from = 0; from < planned.size(); from += batchSize) {
                List<Planned> batch = planned.subList(from, Math.min(planned.size(), from + batchSize));
                CountDownLatch batchDone = new CountDownLatch(batch.size());
                for (Planned p : batch) {
                    NodeTestDescriptor test = new NodeTestDescriptor(
                            container.getUniqueId(), p.node().publicIp(), p.attempt());
                    if (!window.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("no node finished within the attempt bound " + attemptBound);
                    }
                    container.addChild(test);
                    listener.dynamicTestRegistered(test);
                    Runnable onFinished = () -> {
                        window.release();
                        finished.countDown();
                        batchDone.countDown();
                    };
                    Optional<Stop> stop = dispatch.stop();
                    if (stop.isPresent()) {
                        skip(dispatch, test, p, stop.get(), progress);
                        onFinished.run();
                        continue;
                    }
                    NodeRun run = new NodeRun(
                            test, p, env, dispatch, progress, deferFailures ? deferred::add : null, onFinished);
                    workers.execute(() -> run.work(harnessWatchdog, attemptBound));
                }
                // the next batch starts when this one has ended (Ansible's serial)
                if (!batchDone.await(waitMillis, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("a batch still running " + waitMillis + " ms after its last node "
                            + "started, past every attempt's hard bound: a harness bug");
                }
            }
            if (!finished.await(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("nodes still running " + waitMillis + " ms after the last one started, "
                        + "past every attempt's hard bound: a harness bug");
            }
            return new OpenPass(container, List.copyOf(deferred));
        } catch (RuntimeException | InterruptedException e) {
            // the pass broke: nothing will be resurrected from it, so its held-back failures are final
            List.copyOf(deferred)
                    .forEach(d -> listener.executionFinished(d.test(), TestExecutionResult.failed(d.failure())));
            throw e;
        } finally {
            harnessWatchdog.shutdownNow();
            workers.shutdownNow();
            drainers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
            drainers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A node that is not started because the breaker is open or the run was cancelled: it gets an entry
     * ({@code skipped} with the reason's tag) and its test ends aborted with the reason.
     */
    private void skip(Dispatch dispatch, NodeTestDescriptor test, Planned p, Stop stop, ProgressLine progress) {
        String uuid = UUID.randomUUID().toString();
        Node node = p.node();
        Journal journal = dispatch.journal();
        journal.append(new JournalEvent.AttemptStarted(
                Events.now(),
                uuid,
                node.publicIp(),
                node.privateIp(),
                p.attempt(),
                scenario.config().shard().label(),
                ProcessHandle.current().pid(),
                "run-control",
                p.previousThreadUuid()));
        journal.append(new JournalEvent.AttemptFinished(
                Events.now(),
                uuid,
                node.publicIp(),
                Status.SKIPPED,
                List.of(Status.SKIPPED.tag(), stop.tag()),
                null,
                null,
                stop.reason(),
                null));
        listener.executionStarted(test);
        progress.nodeSkipped();
        listener.executionFinished(
                test, TestExecutionResult.aborted(new TestAbortedException("skipped: " + stop.reason())));
    }

    /** Instances the control plane could not hand over still get a verdict each, by id. */
    private void reportUnreachable(ShardDescriptor shard, List<Unreachable> unreachable) {
        for (Unreachable u : unreachable) {
            InstanceTestDescriptor test = new InstanceTestDescriptor(shard.getUniqueId(), u.instanceId());
            shard.addChild(test);
            listener.dynamicTestRegistered(test);
            listener.executionStarted(test);
            listener.executionFinished(
                    test,
                    TestExecutionResult.failed(new NodeInstallFailure(
                            "instance " + u.instanceId() + " never became a node: " + u.reason())));
        }
    }

    /** Hard bound of one attempt: every connect try and every command try at its limits, plus slack. */
    static Duration attemptBound(ScenarioConfig config, Duration watchdog) {
        Duration connect = config.connectTimeout()
                .plus(config.authTimeout())
                .plusSeconds(5)
                .multipliedBy(config.connectAttempts());
        Duration commands = watchdog.plus(config.retryPause())
                .plusSeconds(5)
                .multipliedBy((long) config.commands().size() * config.commandTries());
        return connect.plus(commands).plusSeconds(60);
    }

    private void runVerdicts(FleetAssessment a, Registry registry) {
        for (TestDescriptor child : List.copyOf(scenario.getChildren())) {
            if (!(child instanceof VerdictDescriptor verdict)) {
                continue;
            }
            listener.executionStarted(verdict);
            listener.executionFinished(
                    verdict,
                    switch (verdict.kind()) {
                        case GHOSTS ->
                            a.ghosts().isEmpty()
                                    ? TestExecutionResult.successful()
                                    : TestExecutionResult.failed(new AssertionFailedError(
                                            a.ghosts().size()
                                                    + " ghost(s): gold-list IPs with no final registry entry: "
                                                    + a.ghosts().stream()
                                                            .map(ip -> ip + " (last event: "
                                                                    + registry.lastEventOf(ip)
                                                                            .orElse("none") + ")")
                                                            .collect(Collectors.joining(", "))));
                        case UNTRACEABLE ->
                            a.untraceable().isEmpty()
                                    ? TestExecutionResult.successful()
                                    : TestExecutionResult.failed(new AssertionFailedError(
                                            a.untraceable().size()
                                                    + " untraceable entr(y/ies) without a valid IP: "
                                                    + a.untraceable().stream()
                                                            .map(e -> e.threadUuid() + " (public_ip=" + e.publicIp()
                                                                    + ", " + e.status() + ")")
                                                            .collect(Collectors.joining(", "))));
                        case INVARIANT ->
                            a.invariantHolds()
                                    ? TestExecutionResult.successful()
                                    : TestExecutionResult.failed(
                                            new AssertionFailedError("accounting invariant broken: "
                                                    + a.arithmetic()
                                                    + (a.foreign().isEmpty() ? "" : "; foreign: " + a.foreign())
                                                    + (a.countedTwice().isEmpty()
                                                            ? ""
                                                            : "; counted twice: " + a.countedTwice())));
                    });
        }
    }

    private void skipVerdicts(String reason) {
        for (TestDescriptor child : scenario.getChildren()) {
            if (child instanceof VerdictDescriptor) {
                listener.executionSkipped(child, reason);
            }
        }
    }

    /** One node's test: its worker, its hard bound, and the guarantee that it finishes exactly once. */
    private final class NodeRun implements Cancellation.InFlight {
        private final NodeTestDescriptor test;
        private final Planned planned;
        private final Node node;
        private final AttemptEnvironment env;
        private final Dispatch dispatch;
        private final ProgressLine progress;
        private final Runnable onFinished;
        private final String threadUuid = UUID.randomUUID().toString();
        private final AtomicBoolean done = new AtomicBoolean();
        private final List<JournalEvent> events = new ArrayList<>();
        private final AtomicReference<NodeSession> session = new AtomicReference<>();
        private volatile Thread worker;

        /** Where failed results go to wait for the gatekeeper; null to finish them at once. */
        private final Consumer<Deferred> defer;

        NodeRun(
                NodeTestDescriptor test,
                Planned planned,
                AttemptEnvironment env,
                Dispatch dispatch,
                ProgressLine progress,
                Consumer<Deferred> defer,
                Runnable onFinished) {
            this.defer = defer;
            this.test = test;
            this.planned = planned;
            this.node = planned.node();
            this.env = env;
            this.dispatch = dispatch;
            this.progress = progress;
            this.onFinished = onFinished;
        }

        void work(ScheduledExecutorService harnessWatchdog, Duration bound) {
            worker = Thread.currentThread();
            // the breaker may have tripped (or the run been cancelled) since this node was dispatched
            Optional<Stop> refused = dispatch.admit(() -> record(new JournalEvent.AttemptStarted(
                    Events.now(),
                    threadUuid,
                    node.publicIp(),
                    node.privateIp(),
                    test.attempt(),
                    env.shard(),
                    ProcessHandle.current().pid(),
                    worker.getName(),
                    planned.previousThreadUuid())));
            if (refused.isPresent()) {
                try {
                    skip(dispatch, test, planned, refused.get(), progress);
                } finally {
                    onFinished.run();
                }
                return;
            }
            listener.executionStarted(test);
            progress.nodeStarted(node.publicIp());
            var deadline = harnessWatchdog.schedule(() -> overran(bound), bound.toMillis(), TimeUnit.MILLISECONDS);
            dispatch.cancellation().started(this);
            try {
                Verdict verdict =
                        new NodeAttempt(node, threadUuid, test.attempt(), env, this::record, session::set).run();
                finish(verdict);
            } catch (WorkerVanished e) {
                vanish(e);
            } catch (RuntimeException | Error e) {
                finish(new Verdict(
                        Status.INSTALL_FAILED,
                        List.of(
                                Status.INSTALL_FAILED.tag(),
                                "future_exception",
                                e.getClass().getSimpleName()),
                        null,
                        null,
                        "the harness failed around the attempt: " + e,
                        NodeAttempt.stackOf(e)));
            } finally {
                deadline.cancel(false);
                dispatch.cancellation().finished(this);
            }
        }

        /** The run is being cancelled: this attempt ends now, {@code interrupted}, and its session is closed. */
        @Override
        public void cancel(String reason) {
            finish(new Verdict(
                    Status.STUB,
                    List.of(Status.STUB.tag(), "interrupted", "cancelled"),
                    null,
                    null,
                    reason + " while this attempt ran",
                    null));
            Optional.ofNullable(session.get()).ifPresent(NodeSession::close);
            Thread w = worker;
            if (w != null) {
                w.interrupt();
            }
        }

        private synchronized void record(JournalEvent event) {
            if (!done.get()) {
                env.journal().append(event);
                events.add(event);
            }
        }

        /** The harness watchdog: the attempt passed its hard bound; capture the worker's stack and end it. */
        private void overran(Duration bound) {
            Thread w = worker;
            StringBuilder stack = new StringBuilder("worker " + (w == null ? "?" : w.getName()) + " at the bound:\n");
            if (w != null) {
                for (StackTraceElement frame : w.getStackTrace()) {
                    stack.append("\tat ").append(frame).append('\n');
                }
            }
            finish(new Verdict(
                    Status.WATCHDOG_TIMEOUT,
                    List.of(
                            Status.WATCHDOG_TIMEOUT.tag(),
                            "harness_watchdog",
                            "attempt_bound_" + bound.toSeconds() + "s"),
                    null,
                    null,
                    "the attempt passed its hard bound of " + bound.toSeconds() + " s and was ended",
                    stack.toString()));
            Optional.ofNullable(session.get()).ifPresent(NodeSession::close);
            if (w != null) {
                w.interrupt();
            }
        }

        /**
         * The worker disappeared without a verdict, as a killed process would: nothing more is journaled, so
         * the monitor must find the node as a ghost. The JUnit test still ends, so every runner stays sane.
         */
        private void vanish(WorkerVanished e) {
            synchronized (this) {
                if (done.get()) {
                    return;
                }
                done.set(true);
            }
            try {
                progress.nodeFinished(node.publicIp(), false);
                failed(new NodeInstallFailure(
                        "the worker vanished without a verdict (" + e.getMessage() + "); see verdict: ghosts"));
            } finally {
                onFinished.run();
            }
        }

        private void finish(Verdict verdict) {
            RegistryEntry entry;
            List<JournalEvent> journaled;
            synchronized (this) {
                if (done.get()) {
                    return;
                }
                JournalEvent.AttemptFinished event = new JournalEvent.AttemptFinished(
                        Events.now(),
                        threadUuid,
                        node.publicIp(),
                        verdict.status(),
                        verdict.tags(),
                        verdict.failingCommandIndex(),
                        verdict.failingCommand(),
                        verdict.message(),
                        verdict.stackTrace());
                env.journal().append(event);
                events.add(event);
                done.set(true);
                entry = Registry.replay(events).entries().get(0);
                journaled = List.copyOf(events);
            }
            try {
                observers.each(o -> o.attemptFinished(dispatch.context(), entry, journaled));
                boolean success = verdict.status().isSuccess();
                progress.nodeFinished(node.publicIp(), success);
                if (success) {
                    listener.executionFinished(test, TestExecutionResult.successful());
                } else {
                    failed(new NodeInstallFailure(message(verdict)));
                }
            } finally {
                onFinished.run();
            }
        }

        private void failed(NodeInstallFailure failure) {
            ErrorBudget budget = dispatch.budget();
            if (!dispatch.cancellation().cancelled() && budget.failed(node.publicIp())) {
                dispatch.journal()
                        .append(new JournalEvent.BreakerTripped(
                                Events.now(), budget.failures(), budget.allowed(), budget.setting()));
                System.out.println("[lazarus] " + budget.reason() + ": the breaker is open, no new node attempt "
                        + "starts; nodes in flight finish");
            }
            if (defer != null) {
                defer.accept(new Deferred(test, failure));
            } else {
                listener.executionFinished(test, TestExecutionResult.failed(failure));
            }
        }

        private String message(Verdict v) {
            StringBuilder m = new StringBuilder(v.status().tag()).append(' ').append(v.tags());
            if (v.failingCommandIndex() != null) {
                m.append(" at command ")
                        .append(v.failingCommandIndex() + 1)
                        .append('/')
                        .append(env.config().commands().size())
                        .append(" `")
                        .append(v.failingCommand())
                        .append('`');
            }
            if (v.message() != null) {
                m.append(": ").append(v.message());
            }
            return m.toString();
        }
    }
}
