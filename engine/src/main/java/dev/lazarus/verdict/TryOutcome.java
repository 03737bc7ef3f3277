package dev.lazarus.verdict;

import dev.lazarus.spi.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The classification of one command try, by the DESIGN table. A try that is not {@link Kind#SUCCESS}
 * is retried; only the last try's outcome becomes the entry's status.
 */
public record TryOutcome(Kind kind, int exitStatus, List<String> nonWhitelistedStderr) {

    private static final Pattern PACKAGE_MISSING =
            Pattern.compile(".*(E: Package .*|Unable to locate package.*|has no installation candidate.*)");

    public enum Kind {
        /** exit 0, no stderr outside the whitelist. */
        SUCCESS,
        /** exit 0 with stderr that is not noise. */
        STDERR_DETECTED,
        /** exit != 0 with stderr that explains it. */
        FATAL_EXIT_NONZERO,
        /** exit != 0 and nothing on stderr. */
        SILENT_FAILURE
    }

    public TryOutcome {
        nonWhitelistedStderr = List.copyOf(nonWhitelistedStderr);
    }

    /** Classifies a finished try from its exit status and its stderr lines. */
    public static TryOutcome classify(int exitStatus, List<String> stderrLines, Whitelist whitelist) {
        List<String> kept = whitelist.nonWhitelisted(stderrLines);
        Kind kind;
        if (exitStatus == 0) {
            kind = kept.isEmpty() ? Kind.SUCCESS : Kind.STDERR_DETECTED;
        } else {
            kind = kept.isEmpty() ? Kind.SILENT_FAILURE : Kind.FATAL_EXIT_NONZERO;
        }
        return new TryOutcome(kind, exitStatus, kept);
    }

    public boolean isSuccess() {
        return kind == Kind.SUCCESS;
    }

    /** The status this outcome gives the entry when it is the last try's. */
    public Status finalStatus() {
        return switch (kind) {
            case SUCCESS -> Status.INSTALL_SUCCESS;
            case STDERR_DETECTED, FATAL_EXIT_NONZERO -> Status.INSTALL_FAILED;
            case SILENT_FAILURE -> Status.STUB;
        };
    }

    /** The tags this outcome gives the entry when it is the last try's, the status's own tag first. */
    public List<String> finalTags(int tries) {
        List<String> tags = new ArrayList<>();
        tags.add(finalStatus().tag());
        if (kind == Kind.SUCCESS) {
            return tags;
        }
        if (tries > 1) {
            tags.add("command_retry_" + (tries - 1));
        }
        switch (kind) {
            case STDERR_DETECTED -> tags.add("stderr_detected");
            case FATAL_EXIT_NONZERO -> tags.add("fatal_exit_nonzero");
            case SILENT_FAILURE -> tags.add("silent_failure");
            default -> {}
        }
        if (exitStatus != 0) {
            tags.add("exit_status_" + exitStatus);
        }
        if (nonWhitelistedStderr.stream()
                .anyMatch(l -> PACKAGE_MISSING.matcher(l).matches())) {
            tags.add("fatal_package_missing");
        }
        // tags are a closed vocabulary (Allure groups by them): the stderr lines themselves are evidence, kept by
        // the entry, the failure message and the report
        return tags;
    }
}
