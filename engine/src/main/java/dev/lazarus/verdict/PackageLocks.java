package dev.lazarus.verdict;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the package managers print when another one holds their lock (apt and dpkg, yum, dnf, rpm, zypper). A try
 * that failed on nothing but this did not fail: another install (unattended-upgrades, cloud-init, a neighbour on
 * the same machine) was running, and the try is waited out rather than counted.
 */
public final class PackageLocks {

    private static final List<Pattern> MESSAGES = List.of(
                    // apt, apt-get, dpkg
                    "E: Could not get lock .*",
                    "E: Unable to acquire the dpkg frontend lock.*",
                    "E: Unable to lock the administration directory.*",
                    "E: Unable to lock directory .*",
                    "dpkg: error: dpkg (frontend lock|status database) (was|is) locked by another process.*",
                    // yum
                    "Another app is currently holding the yum lock.*",
                    "Existing lock /var/run/yum\\.pid: another copy is running as pid \\d+\\.?",
                    // dnf
                    "Waiting for process with pid \\d+ to finish\\.?",
                    "Error: Failed to obtain the transaction lock.*",
                    // rpm
                    "error: can't create transaction lock on .*",
                    // zypper
                    "System management is locked by the application with pid \\d+.*",
                    "Close this application before trying again\\.?")
            .stream()
            .map(Pattern::compile)
            .toList();

    private PackageLocks() {}

    /** True when there is stderr and every line of it says a package-manager lock is held. */
    public static boolean onlyLocked(List<String> stderr) {
        return !stderr.isEmpty()
                && stderr.stream()
                        .allMatch(l -> MESSAGES.stream()
                                .anyMatch(p -> p.matcher(l.strip()).matches()));
    }
}
