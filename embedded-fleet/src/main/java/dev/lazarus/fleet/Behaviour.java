package dev.lazarus.fleet;

import java.util.Locale;

/**
 * How one simulated node misbehaves, so tests can make any node fail in any way. A behaviour applies to
 * the commands that contain {@link #match()} (every command when it is empty); {@code port-closed}'s match is a port,
 * {@code missing}'s a command name.
 *
 * @param kind what goes wrong
 * @param match a substring selecting the commands it applies to; empty for all
 */
public record Behaviour(Kind kind, String match) {

    /** The ways a node can misbehave. */
    public enum Kind {
        /** Nothing: realistic output and exit codes. */
        NORMAL,
        /** Matching commands take five times as long. */
        SLOW,
        /** Matching commands also write whitelisted apt noise to stderr (exit unchanged). */
        STDERR_NOISE,
        /** Matching commands write a non-whitelisted line to stderr but exit 0. */
        STDERR,
        /** Matching commands write a non-whitelisted line to stderr and exit 1. */
        STDERR_FAILURE,
        /** Matching commands exit 1 with nothing on stderr. */
        SILENT_FAILURE,
        /** The first run of a matching command fails (stderr, exit 1); later runs succeed. */
        FLAKY,
        /** The node's address is not bound: connections are refused. */
        REFUSE,
        /** The node accepts TCP connections but never sends an SSH banner. */
        MUTE,
        /** The connection is dropped in the middle of a matching command. */
        DROP,
        /** A matching command stops producing output and never exits. */
        STALL,
        /** A matching command falls silent for {@link #PAUSE_MILLIS} ms, then carries on (a stall shorter than any watchdog). */
        PAUSE,
        /** The node's sshd sends its banner only after {@link #BANNER_DELAY_MILLIS} ms, then behaves normally. */
        SLOW_BANNER,
        /**
         * The port {@link #match()} names never listens, whatever runs: {@code port-closed@8080} makes Tomcat's
         * checks fail while its install succeeds.
         */
        PORT_CLOSED,
        /** {@code sudo} wants a password: {@code sudo -n} fails with {@code a password is required}. */
        SUDO_PASSWORD,
        /** The tool {@link #match()} names is not installed: {@code missing@dpkg-query} is a node without dpkg. */
        MISSING,
        /**
         * Another install holds the package lock: the first {@link #LOCKED_RUNS} runs of a matching command fail with
         * apt's lock message and exit 100, later runs succeed.
         */
        LOCKED;

        public String spec() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Behaviour NORMAL = new Behaviour(Kind.NORMAL, "");

    /** How many runs of a matching command a {@link Kind#LOCKED} node fails on its lock. */
    public static final int LOCKED_RUNS = 2;

    /** Length of the silence of {@link Kind#PAUSE}. */
    public static final long PAUSE_MILLIS = 2_000;

    /** How late a {@link Kind#SLOW_BANNER} node sends its banner. */
    public static final long BANNER_DELAY_MILLIS = 1_000;

    public Behaviour {
        match = match == null ? "" : match.strip();
    }

    public static Behaviour of(Kind kind) {
        return new Behaviour(kind, "");
    }

    public boolean appliesTo(String command) {
        return match.isEmpty() || command.contains(match);
    }

    /** {@code kind} or {@code kind@match}, e.g. {@code stderr-failure@apt-get install}. */
    public static Behaviour parse(String spec) {
        String s = spec.strip();
        int at = s.indexOf('@');
        String kindName = (at < 0 ? s : s.substring(0, at)).strip();
        String match = at < 0 ? "" : s.substring(at + 1);
        for (Kind k : Kind.values()) {
            if (k.spec().equals(kindName.toLowerCase(Locale.ROOT))) {
                return new Behaviour(k, match);
            }
        }
        throw new IllegalArgumentException("unknown behaviour '" + kindName + "'");
    }

    @Override
    public String toString() {
        return kind.spec() + (match.isEmpty() ? "" : "@" + match);
    }
}
