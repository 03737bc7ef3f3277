package dev.lazarus.run;

import dev.lazarus.api.LazarusParameters;
import dev.lazarus.config.ScenarioConfig;
import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.journal.JournalTail;
import dev.lazarus.journal.RunIds;
import dev.lazarus.plugin.EnabledExtensions;
import dev.lazarus.plugin.Observers;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.Publications;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.ScenarioInfo;
import dev.lazarus.spi.Unreachable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of one scenario: its folder and journal, provisioning and the gold list, the first pass over this shard,
 * resurrection rounds, the journal's end, and the fleet verdicts and reports derived from the journal. Owns every
 * thread it starts (through the passes' {@link Dispatcher}s) and stops them before it returns.
 */
public final class ScenarioRun {

    private final ScenarioConfig config;
    private final Set<String> selectedIps;
    private final ControlPlane plane;
    private final EnabledExtensions extensions;
    private final Cancellation cancellation;
    private final RunListener listener;

    /**
     * @param selectedIps the nodes an IDE asked to re-run, or empty for the whole fleet
     * @param cancellation what stops the run from outside; the caller owns it
     * @param listener who is told of passes, attempts and verdicts
     */
    public ScenarioRun(
            ScenarioConfig config,
            Set<String> selectedIps,
            ControlPlane plane,
            EnabledExtensions extensions,
            Cancellation cancellation,
            RunListener listener) {
        this.config = config;
        this.selectedIps = Set.copyOf(selectedIps);
        this.plane = plane;
        this.extensions = extensions;
        this.cancellation = cancellation;
        this.listener = listener;
    }

    /**
     * Runs the scenario into a new folder under {@code outputDir}.
     *
     * @param publications where the run's files and recap are published for the test runner
     * @return what the run's observers failed at (empty when they all succeeded); the journal is whole either way
     */
    public List<Throwable> execute(Path outputDir, Publications publications) throws Exception {
        String runId = RunIds.next(config.name());
        Path runDir = outputDir.resolve(runId);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new LazarusConfigurationException(
                    LazarusParameters.OUTPUT_DIR + ": cannot create the run folder " + runDir + ": " + e, e);
        }
        long startNanos = System.nanoTime();
        // a slow observer is told between progress lines, so only when there are progress lines
        Observers observers =
                new Observers(extensions.observers(), config.progressLine() ? System.out::println : notice -> {});
        try (Journal journal = Journal.create(runDir.resolve(Journal.FILE_NAME))) {
            RunContext context = new RunContext(
                    runId,
                    config.name(),
                    config.controlPlane(),
                    runDir,
                    journal.file(),
                    config.shard().label(),
                    config.parameters(),
                    publications);
            // the monitor and the end of the run read the journal back; each line is parsed once
            JournalTail readBack = new JournalTail(journal.file());
            // a control plane that knows its hosts (an inventory) knows the real fleet size too
            Optional<List<String>> known = plane.knownAddresses(config.parameters(), config.fleetSize());
            ScenarioInfo info = config.info(known);
            journal.append(new JournalEvent.RunStarted(
                    Events.now(),
                    runId,
                    config.name(),
                    config.controlPlane(),
                    info.fleetSize(),
                    config.shard().label(),
                    ProcessHandle.current().pid(),
                    Runtime.version().toString(),
                    config.commands(),
                    extensions.ids()));
            publications.file(journal.file(), "application/x-ndjson");
            List<NodeLifecycle.RunPart> parts =
                    extensions.lifecycles().stream().map(e -> e.forRun(info)).toList();
            Provisioning.Provisioned fleet =
                    new Provisioning(config, journal, runId).provision(plane, selectedIps, parts);
            boolean allSucceeded = false;
            try {
                observers.each("once the gold list was written", o -> o.goldListReady(context, fleet.goldIps()));
                Admission admission = new Admission(
                        budget(fleet.gold().size()), cancellation, journal, config.console() == ConsoleOutput.RECAP);
                RunScope run = new RunScope(
                        config,
                        context,
                        journal,
                        readBack,
                        fleet.watchdog(),
                        fleet.hooks(),
                        observers,
                        admission,
                        listener,
                        fleet.fleetIndex());
                // instances without a node are reported once, by the first shard
                List<Unreachable> unreachable =
                        fleet.shard().index() == 1 ? fleet.fleet().unreachable() : List.of();
                allSucceeded = passes(run, fleet, unreachable) && unreachable.isEmpty();
            } finally {
                fleet.fleet().runEnded(allSucceeded);
                fleet.fleet().close();
            }
            if (cancellation.cancelled()) {
                journal.append(new JournalEvent.RunCancelled(Events.now(), cancellation.reason()));
            }
            journal.append(new JournalEvent.RunFinished(
                    Events.now(),
                    runId,
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                    cancellation.cancelled()));
            RunResult result = RunReplay.resultOf(readBack.read());
            listener.fleetAssessed(result.assessment(), result.lastEventByIp());
            observers.each("at the end of the run", o -> o.runFinished(context, result));
        }
        return observers.failures();
    }

    /**
     * The first pass over this shard's slice, then the resurrection rounds; true when every node succeeded. The pass
     * is named by the configured shard, so a node re-run by unique id keeps the id it had.
     */
    private boolean passes(RunScope run, Provisioning.Provisioned fleet, List<Unreachable> unreachable)
            throws InterruptedException {
        Pass pass = new Pass(
                0,
                config.shard().index(),
                config.shard().total(),
                fleet.gold().size(),
                fleet.selected().size(),
                config.resurrection().rounds() > 0);
        listener.passStarted(pass);
        unreachable.forEach(u -> listener.instanceWithoutNode(pass, u));
        Dispatcher dispatcher = new Dispatcher(run);
        try {
            dispatcher.run(
                    pass,
                    fleet.gold().stream()
                            .map(n -> new PlannedAttempt(n, 1, null, pass))
                            .toList());
        } catch (RuntimeException | InterruptedException e) {
            listener.passEnded(pass, Optional.of(e));
            listener.decisionsEnded(Optional.of(e));
            throw e;
        }
        listener.passEnded(pass, Optional.empty());
        return new Resurrection(run, dispatcher, fleet.gold()).after(pass);
    }

    private ErrorBudget budget(int goldSize) {
        return config.maxFailures()
                .map(m -> new ErrorBudget(
                        m.of(goldSize),
                        LazarusParameters.MAX_FAILURES + "=" + m + " = " + m.of(goldSize) + " of " + goldSize))
                .orElseGet(ErrorBudget::unlimited);
    }
}
