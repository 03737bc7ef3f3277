package dev.lazarus.config;

import static dev.lazarus.api.LazarusParameters.ATTEMPT_TIMEOUT;
import static dev.lazarus.api.LazarusParameters.BATCH;
import static dev.lazarus.api.LazarusParameters.BECOME;
import static dev.lazarus.api.LazarusParameters.CANCEL_TIMEOUT;
import static dev.lazarus.api.LazarusParameters.COMMAND_LOCK_WAIT;
import static dev.lazarus.api.LazarusParameters.COMMAND_RETRY_PAUSE;
import static dev.lazarus.api.LazarusParameters.COMMAND_TRIES;
import static dev.lazarus.api.LazarusParameters.CONCURRENCY;
import static dev.lazarus.api.LazarusParameters.CONTROL_PLANE;
import static dev.lazarus.api.LazarusParameters.FLEET_SIZE;
import static dev.lazarus.api.LazarusParameters.MAX_FAILURES;
import static dev.lazarus.api.LazarusParameters.MAX_FLEET_SIZE;
import static dev.lazarus.api.LazarusParameters.OUTPUT_DIR;
import static dev.lazarus.api.LazarusParameters.PROGRESS_INTERVAL;
import static dev.lazarus.api.LazarusParameters.REMOTE_KILL;
import static dev.lazarus.api.LazarusParameters.SSH_AUTH_TIMEOUT;
import static dev.lazarus.api.LazarusParameters.SSH_BACKOFF;
import static dev.lazarus.api.LazarusParameters.SSH_CONNECT_ATTEMPTS;
import static dev.lazarus.api.LazarusParameters.SSH_CONNECT_TIMEOUT;
import static dev.lazarus.api.LazarusParameters.SSH_HANDSHAKE_PERMITS;
import static dev.lazarus.api.LazarusParameters.STRACE;
import static dev.lazarus.api.LazarusParameters.WATCHDOG_TIMEOUT;
import static dev.lazarus.api.LazarusParameters.WHITELIST_EXTRA;

import dev.lazarus.api.Scenario;
import dev.lazarus.check.ScenarioMethods;
import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.ScenarioInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A scenario's settings after parameters overrode the annotation, validated. Built at discovery, so bad
 * input fails there with a message that names the parameter or the class.
 *
 * @param commands the install's commands, {@code ${lazarus.vars.*}} already replaced, the per-node variables not yet
 *     (see {@link CommandVariables})
 * @param outputDir the folder runs go to when {@code lazarus.output.dir} names one (checked writable); empty for
 *     the launcher's output folder
 * @param methods the scenario's {@code @BeforeInstall} methods and the node checks this run runs
 * @param become whether commands and host facts run through {@code sudo -n}
 * @param remoteKill whether commands run in their own process group, ended on the node when an attempt ends early
 * @param console what the run prints on the console ({@code lazarus.console})
 */
public record ScenarioConfig(
        Class<?> scenarioClass,
        String name,
        List<String> commands,
        String controlPlane,
        int fleetSize,
        int commandTries,
        Duration retryPause,
        Duration lockWait,
        int concurrency,
        Optional<Duration> watchdogOverride,
        Duration connectTimeout,
        Duration authTimeout,
        int connectAttempts,
        Duration connectBackoff,
        Optional<Duration> attemptTimeout,
        List<String> whitelistExtra,
        boolean strace,
        int handshakePermits,
        Optional<Path> outputDir,
        Optional<Duration> progressInterval,
        ConsoleOutput console,
        ResurrectionPolicy resurrection,
        Shard shard,
        Optional<Integer> batch,
        Optional<Amount> maxFailures,
        Duration cancelTimeout,
        ScenarioMethods methods,
        boolean become,
        boolean remoteKill,
        Parameters parameters) {

    private static final Duration DAY = Duration.ofDays(1);

    public ScenarioConfig {
        commands = List.copyOf(commands);
        whitelistExtra = List.copyOf(whitelistExtra);
    }

    public static ScenarioConfig resolve(Class<?> scenarioClass, Parameters p) {
        Scenario scenario = scenarioClass.getAnnotation(Scenario.class);
        if (scenario == null) {
            throw new LazarusConfigurationException(scenarioClass.getName() + " is not annotated with @Scenario");
        }
        List<String> written =
                Arrays.stream(scenario.commands()).map(String::strip).toList();
        if (written.isEmpty() || written.stream().anyMatch(String::isEmpty)) {
            throw new LazarusConfigurationException(
                    "Scenario " + scenarioClass.getName()
                            + " has no commands (or a blank one): @Scenario(commands = {...}) must list the install's commands");
        }
        List<String> commands = CommandVariables.resolve(scenarioClass, written, p);
        String name = scenario.name().isBlank()
                ? scenarioClass.getSimpleName()
                : scenario.name().strip();
        String controlPlane = p.get(CONTROL_PLANE).orElse(scenario.controlPlane());
        int fleetSize = p.get(FLEET_SIZE)
                .map(raw -> Parameters.parseInt(FLEET_SIZE, raw, 1, MAX_FLEET_SIZE))
                .orElseGet(() -> {
                    int size = scenario.fleetSize();
                    if (size < 1 || size > MAX_FLEET_SIZE) {
                        throw new LazarusConfigurationException("Scenario " + scenarioClass.getName()
                                + " has fleetSize=" + size + "; allowed: 1.." + MAX_FLEET_SIZE);
                    }
                    return size;
                });
        int tries = p.get(COMMAND_TRIES)
                .map(raw -> Parameters.parseInt(COMMAND_TRIES, raw, 1, 20))
                .orElse(scenario.commandTries());
        if (tries < 1 || tries > 20) {
            throw new LazarusConfigurationException(
                    "Scenario " + scenarioClass.getName() + " has commandTries=" + tries + "; allowed: 1..20");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new ScenarioConfig(
                scenarioClass,
                name,
                commands,
                controlPlane,
                fleetSize,
                tries,
                p.getDuration(COMMAND_RETRY_PAUSE, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                p.getDuration(COMMAND_LOCK_WAIT, Duration.ofMinutes(10), Duration.ofHours(6)),
                p.get(CONCURRENCY)
                        .map(raw -> Math.max(
                                1, Amount.parse(CONCURRENCY, raw, 0.000001).of(fleetSize)))
                        .orElse(fleetSize),
                p.getDuration(WATCHDOG_TIMEOUT, DAY).map(d -> requirePositive(WATCHDOG_TIMEOUT, d)),
                requirePositive(
                        SSH_CONNECT_TIMEOUT,
                        p.getDuration(SSH_CONNECT_TIMEOUT, Duration.ofSeconds(10), Duration.ofMinutes(10))),
                requirePositive(
                        SSH_AUTH_TIMEOUT,
                        p.getDuration(SSH_AUTH_TIMEOUT, Duration.ofSeconds(30), Duration.ofMinutes(10))),
                p.getInt(SSH_CONNECT_ATTEMPTS, 5, 1, 20),
                p.getDuration(SSH_BACKOFF, Duration.ofMillis(250), Duration.ofMinutes(1)),
                p.getDuration(ATTEMPT_TIMEOUT, DAY).map(d -> requirePositive(ATTEMPT_TIMEOUT, d)),
                whitelistExtra(p),
                p.getBoolean(STRACE).orElse(scenario.strace()),
                p.getInt(SSH_HANDSHAKE_PERMITS, 16 * cores, 1, 10_000),
                p.get(OUTPUT_DIR).map(ScenarioConfig::writableOutputDir),
                p.getDuration(PROGRESS_INTERVAL, Duration.ofHours(1)),
                ConsoleOutput.of(p),
                ResurrectionPolicy.resolve(p),
                Shard.resolve(p, System.getenv()),
                batch(p, fleetSize),
                p.get(MAX_FAILURES).map(raw -> Amount.parse(MAX_FAILURES, raw, 0)),
                requirePositive(
                        CANCEL_TIMEOUT, p.getDuration(CANCEL_TIMEOUT, Duration.ofSeconds(30), Duration.ofHours(1))),
                ScenarioMethods.of(scenarioClass),
                become(p, scenario),
                p.getBoolean(REMOTE_KILL).orElse(true),
                p);
    }

    /** {@code lazarus.become}: {@code sudo} or {@code none}; the annotation's {@code become} when not set. */
    static boolean become(Parameters p, Scenario scenario) {
        return p.get(BECOME)
                .map(raw -> switch (raw.strip().toLowerCase(Locale.ROOT)) {
                    case "sudo" -> true;
                    case "none" -> false;
                    default ->
                        throw new LazarusConfigurationException(
                                BECOME + "='" + raw + "' is not allowed; give sudo or none");
                })
                .orElse(scenario.become());
    }

    /** This configuration running only the node checks named {@code selected} (every check when it is empty). */
    public ScenarioConfig withChecks(Set<String> selected) {
        return new ScenarioConfig(
                scenarioClass,
                name,
                commands,
                controlPlane,
                fleetSize,
                commandTries,
                retryPause,
                lockWait,
                concurrency,
                watchdogOverride,
                connectTimeout,
                authTimeout,
                connectAttempts,
                connectBackoff,
                attemptTimeout,
                whitelistExtra,
                strace,
                handshakePermits,
                outputDir,
                progressInterval,
                console,
                resurrection,
                shard,
                batch,
                maxFailures,
                cancelTimeout,
                methods.onlyChecks(selected),
                become,
                remoteKill,
                parameters);
    }

    /**
     * The interval of the progress line: {@code lazarus.progress.interval}, by default 5 s (1 s on a terminal); zero
     * (no progress line) when it is 0 or the console is not {@link ConsoleOutput#RECAP}.
     */
    public Duration progressInterval(boolean terminal) {
        if (console != ConsoleOutput.RECAP) {
            return Duration.ZERO;
        }
        return progressInterval.orElse(Duration.ofSeconds(terminal ? 1 : 5));
    }

    /** Whether the run prints its progress line, and with it the notices that explain a pause in it. */
    public boolean progressLine() {
        return !progressInterval(false).isZero();
    }

    /** The scenario as an extension sees it; the fleet size is the known addresses' count when there are some. */
    public ScenarioInfo info(Optional<List<String>> knownAddresses) {
        return new ScenarioInfo(
                scenarioClass,
                name,
                controlPlane,
                knownAddresses.map(List::size).orElse(fleetSize),
                parameters,
                knownAddresses);
    }

    /**
     * The hard bound of one attempt ({@code lazarus.attempt.timeout}), by default every connect try and every command
     * try at its own limit, and each scenario method the time of {@value #HOST_COMMANDS_PER_METHOD} host commands at
     * theirs, plus slack: past it the harness ends the attempt.
     */
    public Duration attemptBound(Duration watchdogTimeout) {
        return attemptTimeout.orElseGet(() -> {
            Duration connect = connectTimeout.plus(authTimeout).plusSeconds(5).multipliedBy(connectAttempts);
            Duration tries = watchdogTimeout
                    .plusSeconds(5)
                    .multipliedBy((long) commands.size() * commandTries)
                    .plus(retryBackoff().upperTotal(commandTries - 1).multipliedBy(commands.size()))
                    .plus(lockWait);
            int methodCount = methods.beforeInstall().size() + methods.checks().size();
            Duration scenarioMethods =
                    watchdogTimeout.plusSeconds(5).multipliedBy((long) methodCount * HOST_COMMANDS_PER_METHOD);
            return connect.plus(tries).plus(scenarioMethods).plusSeconds(60);
        });
    }

    /** The pauses between the tries of a command: {@code lazarus.command.retry-pause}, doubling up to a minute. */
    public Backoff retryBackoff() {
        return new Backoff(retryPause, Duration.ofMinutes(1));
    }

    /** The pauses while a package-manager lock is held: from the retry pause, doubling up to 30 s. */
    public Backoff lockBackoff() {
        return new Backoff(retryPause, Duration.ofSeconds(30));
    }

    /** How many host commands at the watchdog's limit one scenario method is allowed in the default attempt bound. */
    static final int HOST_COMMANDS_PER_METHOD = 4;

    /** The batch size, checked against the fleet: a batch larger than the fleet is a mistake worth naming. */
    static Optional<Integer> batch(Parameters p, int fleetSize) {
        return p.get(BATCH).map(raw -> {
            Amount a = Amount.parse(BATCH, raw, 0.000001);
            if (!a.isPercent() && a.count() > fleetSize) {
                throw new LazarusConfigurationException(BATCH + "=" + raw + " is larger than the fleet (" + fleetSize
                        + " nodes); allowed: 1.." + fleetSize + " or a percentage");
            }
            return Math.max(1, a.of(fleetSize));
        });
    }

    /** Extra whitelist patterns, each compiled here so a bad regex fails discovery, not a node. */
    static List<String> whitelistExtra(Parameters p) {
        List<String> patterns = p.get(WHITELIST_EXTRA).stream()
                .flatMap(raw -> Arrays.stream(raw.split(";;|\\R")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        for (String pattern : patterns) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new LazarusConfigurationException(
                        WHITELIST_EXTRA + ": '" + pattern + "' is not a valid regex: " + e.getDescription());
            }
        }
        return patterns;
    }

    private static Duration requirePositive(String key, Duration d) {
        if (d.isZero()) {
            throw new LazarusConfigurationException(key + "=0 is not allowed; give a positive duration");
        }
        return d;
    }

    /** Creates the output folder if needed and proves it writable, so a run never starts without one. */
    static Path writableOutputDir(String raw) {
        Path dir;
        try {
            dir = Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new LazarusConfigurationException(
                    OUTPUT_DIR + "='" + raw + "' is not a valid path: " + e.getMessage());
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".lazarus-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new LazarusConfigurationException(
                    OUTPUT_DIR + "='" + raw + "': the output folder " + dir + " cannot be created or written ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        }
        return dir;
    }
}
