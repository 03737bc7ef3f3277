package dev.lazarus.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The one enum of entry statuses. Every module speaks these names; the wire form ({@link #tag()}) is what the
 * journal, the registry and the reports carry.
 */
public enum Status {
    /** Every command ended with exit 0 and no stderr outside the whitelist. */
    INSTALL_SUCCESS("install_success"),
    /** A command failed on its last try with stderr that explains it, or the worker crashed. */
    INSTALL_FAILED("install_failed"),
    /**
     * The install succeeded and a node check did not: an assertion failed (tag {@code check_<method>}) or the check
     * threw something else ({@code check_error} as well).
     */
    CHECK_FAILED("check_failed"),
    /** A command failed on its last try with exit != 0 and no stderr; or no classified outcome. */
    STUB("stub"),
    /** An output stream stalled past the watchdog timeout, or the attempt passed its hard bound. */
    WATCHDOG_TIMEOUT("watchdog_timeout"),
    /** SSH started but the connection dropped, or never produced banner/auth. */
    SSH_INITIATED_FAILED("ssh_initiated_failed"),
    /** Every SSH connect attempt failed. */
    SSH_RETRY_FAILED("ssh_retry_failed"),
    /**
     * The node was never started: the run's error budget was exceeded (tag {@code circuit_open}) or the run was
     * cancelled (tag {@code cancelled}) first.
     */
    SKIPPED("skipped"),
    /** The gatekeeper scheduled this entry's node for another attempt. */
    GATEKEEPER_RESURRECT("gatekeeper_resurrect"),
    /** An entry that reached the end with no status: a harness bug made visible. */
    NO_TAGS("no_tags");

    private final String tag;

    Status(String tag) {
        this.tag = tag;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    public boolean isSuccess() {
        return this == INSTALL_SUCCESS;
    }

    @JsonCreator
    public static Status fromTag(String tag) {
        return Arrays.stream(values())
                .filter(s -> s.tag.equals(tag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status '" + tag + "'"));
    }

    @Override
    public String toString() {
        return tag;
    }
}
