package dev.lazarus.engine;

import dev.lazarus.check.ScenarioMethod;
import dev.lazarus.run.AttemptEnd;
import dev.lazarus.run.Pass;
import dev.lazarus.run.PlannedAttempt;
import dev.lazarus.run.RunListener;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.Publications;
import dev.lazarus.spi.Unreachable;
import dev.lazarus.verdict.CheckOutcome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit tree of one scenario as its run goes: the shard and round containers, one dynamic test per node
 * attempt with a dynamic test per node check under it, the verdict tests, and what the run publishes. Every listener
 * call of the scenario is made here, one at a time; failed node tests wait in {@link HeldResults} for the gatekeeper.
 * A check that never started (the install failed) or never ended (the attempt did first) ends aborted with the node.
 */
final class TestTree implements RunListener, Publications {

    private final ScenarioDescriptor scenario;
    private final EngineExecutionListener listener;
    private final HeldResults held;
    private final Map<Pass, TestDescriptor> containers = new HashMap<>();
    /** By identity: the run hands each planned attempt around as one object. */
    private final Map<PlannedAttempt, NodeTestDescriptor> tests = new IdentityHashMap<>();
    /** The check each attempt is running, and the checks each attempt has started, by identity too. */
    private final Map<PlannedAttempt, CheckTestDescriptor> runningCheck = new IdentityHashMap<>();

    private final Map<PlannedAttempt, Set<String>> startedChecks = new IdentityHashMap<>();

    private boolean verdictsDone;

    TestTree(ScenarioDescriptor scenario, EngineExecutionListener listener) {
        this.scenario = scenario;
        this.listener = listener;
        this.held = new HeldResults(listener);
    }

    synchronized void scenarioStarted() {
        listener.executionStarted(scenario);
    }

    synchronized void scenarioFinished(TestExecutionResult result) {
        listener.executionFinished(scenario, result);
    }

    /** The verdict tests did not run (bad configuration, a broken run): each is skipped with the reason. */
    synchronized void skipVerdicts(String reason) {
        if (verdictsDone) {
            return;
        }
        verdicts().forEach(v -> listener.executionSkipped(v, reason));
        verdictsDone = true;
    }

    @Override
    public synchronized void passStarted(Pass pass) {
        Class<?> scenarioClass = scenario.scenarioClass();
        TestDescriptor container = pass.isFirst()
                ? new ShardDescriptor(
                        scenario.getUniqueId(),
                        pass.shardIndex(),
                        pass.shardTotal(),
                        pass.nodes(),
                        pass.fleetSize(),
                        scenarioClass)
                : new ResurrectionRoundDescriptor(scenario.getUniqueId(), pass.round(), scenarioClass);
        containers.put(pass, container);
        scenario.addChild(container);
        listener.dynamicTestRegistered(container);
        listener.executionStarted(container);
    }

    @Override
    public synchronized void instanceWithoutNode(Pass pass, Unreachable instance) {
        TestDescriptor container = containers.get(pass);
        InstanceTestDescriptor test =
                new InstanceTestDescriptor(container.getUniqueId(), instance.instanceId(), scenario.scenarioClass());
        container.addChild(test);
        listener.dynamicTestRegistered(test);
        listener.executionStarted(test);
        listener.executionFinished(
                test,
                TestExecutionResult.failed(new NodeInstallFailure(
                        "instance " + instance.instanceId() + " never became a node: " + instance.reason())));
    }

    @Override
    public synchronized void attemptPlanned(PlannedAttempt attempt) {
        TestDescriptor container = containers.get(attempt.pass());
        NodeTestDescriptor test = new NodeTestDescriptor(
                container.getUniqueId(),
                attempt.ip(),
                attempt.attempt(),
                scenario.scenarioClass(),
                !checks().isEmpty());
        tests.put(attempt, test);
        container.addChild(test);
        listener.dynamicTestRegistered(test);
    }

    @Override
    public synchronized void attemptStarted(PlannedAttempt attempt) {
        listener.executionStarted(tests.get(attempt));
    }

    @Override
    public synchronized void checkStarted(PlannedAttempt attempt, String check) {
        NodeTestDescriptor test = tests.get(attempt);
        if (test == null) {
            return; // the attempt already ended (its bound, a cancellation): the check ended aborted with it
        }
        CheckTestDescriptor descriptor = register(test, attempt, check);
        runningCheck.put(attempt, descriptor);
        listener.executionStarted(descriptor);
    }

    @Override
    public synchronized void checkEnded(PlannedAttempt attempt, CheckOutcome outcome) {
        CheckTestDescriptor descriptor = runningCheck.remove(attempt);
        if (descriptor != null) {
            listener.executionFinished(
                    descriptor,
                    outcome.passed()
                            ? TestExecutionResult.successful()
                            : TestExecutionResult.failed(outcome.failure()));
        }
    }

    @Override
    public synchronized void attemptEnded(PlannedAttempt attempt, AttemptEnd end) {
        NodeTestDescriptor test = tests.remove(attempt);
        if (end.kind() == AttemptEnd.Kind.SKIPPED) {
            listener.executionStarted(test); // a skipped attempt never started: its test starts to end aborted
        }
        endChecks(test, attempt, end);
        switch (end.kind()) {
            case SUCCEEDED -> listener.executionFinished(test, TestExecutionResult.successful());
            case SKIPPED ->
                listener.executionFinished(test, TestExecutionResult.aborted(new TestAbortedException(end.message())));
            case FAILED, VANISHED -> {
                NodeInstallFailure failure = new NodeInstallFailure(end.message());
                if (attempt.pass().resurrectionMayFollow()) {
                    held.hold(test, failure);
                } else {
                    listener.executionFinished(test, TestExecutionResult.failed(failure));
                }
            }
        }
    }

    @Override
    public synchronized void passEnded(Pass pass, Optional<Throwable> broke) {
        held.passEnded(containers.remove(pass), broke);
    }

    @Override
    public synchronized void superseded(String ip, int nextAttempt, int round, String reason) {
        held.superseded(ip, nextAttempt, round, reason);
    }

    @Override
    public synchronized void failureIsFinal(String ip) {
        held.failed(ip);
    }

    @Override
    public synchronized void decisionsEnded(Optional<Throwable> broke) {
        held.failRest(broke);
    }

    @Override
    public synchronized void fleetAssessed(FleetAssessment assessment, Map<String, String> lastEventByIp) {
        for (VerdictDescriptor verdict : verdicts()) {
            listener.executionStarted(verdict);
            listener.executionFinished(verdict, FleetVerdicts.of(verdict.kind(), assessment, lastEventByIp));
        }
        verdictsDone = true;
    }

    @Override
    public synchronized void file(Path file, String mediaType) {
        listener.fileEntryPublished(scenario, FileEntry.from(file, mediaType));
    }

    @Override
    public synchronized void entry(String key, String value) {
        listener.reportingEntryPublished(scenario, ReportEntry.from(key, value));
    }

    /** Ends the check still running, then reports every check that never started, both aborted. */
    private void endChecks(NodeTestDescriptor test, PlannedAttempt attempt, AttemptEnd end) {
        CheckTestDescriptor running = runningCheck.remove(attempt);
        if (running != null) {
            listener.executionFinished(
                    running,
                    TestExecutionResult.aborted(
                            new TestAbortedException("the attempt ended while this check ran: " + end.message())));
        }
        Set<String> started = startedChecks.remove(attempt);
        for (ScenarioMethod check : checks()) {
            if (started == null || !started.contains(check.name())) {
                CheckTestDescriptor never = register(test, attempt, check.name());
                listener.executionStarted(never);
                listener.executionFinished(
                        never,
                        TestExecutionResult.aborted(new TestAbortedException(
                                "install did not succeed" + (end.message() == null ? "" : ": " + end.message()))));
            }
        }
    }

    private CheckTestDescriptor register(NodeTestDescriptor test, PlannedAttempt attempt, String check) {
        ScenarioMethod method = checks().stream()
                .filter(c -> c.name().equals(check))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no check named " + check));
        startedChecks.computeIfAbsent(attempt, a -> new HashSet<>()).add(check);
        CheckTestDescriptor descriptor =
                new CheckTestDescriptor(test.getUniqueId(), attempt.ip(), scenario.scenarioClass(), method);
        test.addChild(descriptor);
        listener.dynamicTestRegistered(descriptor);
        return descriptor;
    }

    /** The checks this run runs on each node. */
    private List<ScenarioMethod> checks() {
        return scenario.config().methods().checks();
    }

    private List<VerdictDescriptor> verdicts() {
        return scenario.getChildren().stream()
                .filter(VerdictDescriptor.class::isInstance)
                .map(VerdictDescriptor.class::cast)
                .toList();
    }
}
