package dev.lazarus.api;

/**
 * Names of the engine's configuration parameters. Each is read from {@code junit-platform.properties},
 * a {@code -D} system property or Surefire's {@code configurationParameters}, in JUnit's usual order,
 * and overrides the scenario annotation's value.
 */
public final class LazarusParameters {

    /** Control plane that provides the fleet: {@code embedded} (default), or another registered name. */
    public static final String CONTROL_PLANE = "lazarus.control-plane";

    /** Number of nodes in the fleet: 1 to {@value #MAX_FLEET_SIZE}. Overrides {@code @Scenario(fleetSize)}. */
    public static final String FLEET_SIZE = "lazarus.fleet.size";

    /** Largest fleet one run accepts. Bigger fleets are split into shards (one JVM each). */
    public static final int MAX_FLEET_SIZE = 50_000;

    /**
     * Most node attempts in flight at once, a count or a percentage of the fleet (e.g. {@code 25%}), run as a
     * sliding window: a finished node frees its slot at once. Default: every node of the fleet.
     */
    public static final String CONCURRENCY = "lazarus.concurrency";

    /** Tries per command, 1 to 20; default 3. */
    public static final String COMMAND_TRIES = "lazarus.command.tries";

    /**
     * The first pause between two tries of a command (duration such as {@code 500ms}, {@code 2s}); each next pause
     * doubles, up to a minute, with jitter. Default 1s.
     */
    public static final String COMMAND_RETRY_PAUSE = "lazarus.command.retry-pause";

    /**
     * How long one node attempt may wait out package-manager locks (apt/dpkg, yum, dnf, rpm, zypper) held by
     * another install; a try that failed only on a lock is tried again with exponential backoff without using up
     * {@code lazarus.command.tries}. Default {@code 10m}; {@code 0} counts such a try like any failed one.
     */
    public static final String COMMAND_LOCK_WAIT = "lazarus.command.lock-wait";

    /**
     * Fixed stream watchdog timeout (duration); default adaptive:
     * {@code max(18, ceil(15 + scale x nodes + min(30, 2 x max_retry_observed)))} seconds.
     */
    public static final String WATCHDOG_TIMEOUT = "lazarus.watchdog.timeout";

    /** TCP connect timeout of one SSH connect attempt (duration); default 10s. */
    public static final String SSH_CONNECT_TIMEOUT = "lazarus.ssh.connect-timeout";

    /** Bound on banner, key exchange and authentication of one SSH connect attempt (duration); default 30s. */
    public static final String SSH_AUTH_TIMEOUT = "lazarus.ssh.auth-timeout";

    /** SSH connect attempts per node attempt, 1 to 20; default 5. */
    public static final String SSH_CONNECT_ATTEMPTS = "lazarus.ssh.connect-attempts";

    /** First pause between two SSH connect attempts (duration); doubles each time, with jitter; default 250ms. */
    public static final String SSH_BACKOFF = "lazarus.ssh.backoff";

    /**
     * Hard bound of one node attempt (duration), enforced by the harness watchdog: past it the attempt is
     * ended, its worker's stack captured into the entry. Default: every connect try and every command try
     * at its own limit, plus a minute.
     */
    public static final String ATTEMPT_TIMEOUT = "lazarus.attempt.timeout";

    /**
     * Extra whitelist patterns (Java regex, matched against a whole stderr line), separated by {@code ;;} or
     * new lines. They apply to every command, beside the family's own list.
     */
    public static final String WHITELIST_EXTRA = "lazarus.whitelist.extra";

    /**
     * {@code true} runs every command under {@code strace -f -e trace=execve,write}, reads the real
     * subprocess's exit status from the trace and whitelists the trace's own lines. Overrides
     * {@code @Scenario(strace)}. The nodes need strace installed.
     */
    public static final String STRACE = "lazarus.strace";

    /** Handshakes (connect + auth) in flight at once; default 16 per core. Commands are not limited by it. */
    public static final String SSH_HANDSHAKE_PERMITS = "lazarus.ssh.handshake-permits";

    /**
     * Folder under which each run writes {@code <run-id>/}. Default: the launcher's output folder for the engine
     * ({@code junit.platform.reporting.output.dir}, which under Maven is {@code target}) and {@code lazarus/} in it.
     */
    public static final String OUTPUT_DIR = "lazarus.output.dir";

    /**
     * What a run prints on the console: {@code recap} (the default: the progress line, the full recap at the end and
     * the report paths), {@code summary} (one line per scenario at its end: run id, counts per status, ghosts, the
     * accounting invariant, the artifacts folder) or {@code off} (nothing but warnings). Every artifact is written
     * whichever it is.
     */
    public static final String CONSOLE = "lazarus.console";

    /** Interval of the progress line (duration); default 5s, 1s on a terminal. {@code 0} turns it off. */
    public static final String PROGRESS_INTERVAL = "lazarus.progress.interval";

    /**
     * Resurrection rounds after the first pass, 0 to 10; default 1. {@code 0} turns resurrection off and gives
     * exactly the first-pass behaviour.
     */
    public static final String RESURRECTION_ROUNDS = "lazarus.resurrection.rounds";

    /**
     * How many nodes one resurrection round may retry: a count ({@code 8}) or a percentage ({@code 25%}); default the
     * larger of 25 % and 8 nodes.
     */
    public static final String RESURRECTION_BUDGET = "lazarus.resurrection.budget";

    /** No resurrection round starts once this much time has passed since the first pass (duration); default 30m. */
    public static final String RESURRECTION_TIMEOUT = "lazarus.resurrection.timeout";

    /**
     * One batch after another (Ansible's {@code serial}): a count or a percentage of the fleet; the next batch
     * starts when the previous one has ended. Default: one batch, the whole fleet.
     */
    public static final String BATCH = "lazarus.batch";

    /**
     * The error budget: failed nodes tolerated, a count or a percentage of the fleet. One more trips the
     * breaker: no new attempt starts and every node not started is {@code skipped} ({@code circuit_open}).
     * Default: unlimited.
     */
    public static final String MAX_FAILURES = "lazarus.max-failures";

    /** How long a cancelled run (SIGTERM, Ctrl-C, a stop button) may take to write its end (duration); default 30s. */
    public static final String CANCEL_TIMEOUT = "lazarus.cancel.timeout";

    /** This job's shard, 1-based; default {@code CI_NODE_INDEX}, else 1. Give it with {@link #SHARD_TOTAL}. */
    public static final String SHARD_INDEX = "lazarus.shard.index";

    /** How many shards the fleet is split into, 1 to 1000; default {@code CI_NODE_TOTAL}, else 1. */
    public static final String SHARD_TOTAL = "lazarus.shard.total";

    /**
     * {@code sudo} runs the commands and host facts through {@code sudo -n}, {@code none} as the login user. Overrides
     * {@code @Scenario(become)}.
     */
    public static final String BECOME = "lazarus.become";

    /**
     * {@code true} (the default) runs each command in a process group of its own ({@code setsid -w}, util-linux) and,
     * when an attempt ends early (a stall, its hard bound, a cancellation, a dropped connection), ends that group on
     * the node over a fresh connection, so nothing is left running; {@code false} for nodes without util-linux.
     */
    public static final String REMOTE_KILL = "lazarus.remote-kill";

    /**
     * Prefix of the variables a command may use as {@code ${lazarus.vars.<name>}}: {@code -Dlazarus.vars.version=10.1}
     * makes {@code apt-get install -y tomcat10=${lazarus.vars.version}*} install that version.
     */
    public static final String VARS_PREFIX = "lazarus.vars.";

    /**
     * Extensions to enable besides those on by default (the reports): ids or class names, comma-separated
     * ({@code fault-injection}); {@code -id} turns off one that is on by default ({@code -allure}).
     */
    public static final String EXTENSIONS = "lazarus.extensions";

    private LazarusParameters() {}
}
