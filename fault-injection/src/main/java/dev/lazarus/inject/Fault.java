package dev.lazarus.inject;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every fault Lazarus can inject, with what the run must then say of the node. The four crash sites are named
 * {@code FORCE_TOMCAT_FAIL*} and tagged {@code synthetic_crash_*}, names CI variables and reports already use; node
 * faults act through the embedded fleet's behaviours, control-plane faults through the EC2 emulator.
 */
public enum Fault {
    FORCE_TOMCAT_FAIL_PRE_SSH(
            Site.BEFORE_CONNECT, null, "install_failed", List.of("future_exception", "synthetic_crash_pre_ssh")),
    FORCE_TOMCAT_FAIL(
            Site.AFTER_CONNECT,
            null,
            "install_failed",
            List.of("future_exception", "synthetic_crash_between_ssh_and_commands")),
    FORCE_TOMCAT_FAIL_IDX1(
            Site.AFTER_FIRST_COMMAND, null, "install_failed", List.of("future_exception", "synthetic_crash_idx_1")),
    FORCE_TOMCAT_FAIL_POSTINSTALL(
            Site.BEFORE_SUCCESS,
            null,
            "install_failed",
            List.of("future_exception", "synthetic_crash_post_install", "install_success_achieved_before_crash")),
    /** A worker that vanishes after connecting, without a verdict: the ghost verdict must name it. */
    GHOST(Site.AFTER_CONNECT, null, "ghost", List.of("ghost")),
    /** stderr outside the whitelist, exit 0. */
    STDERR(Site.NODE, "stderr@apt-get install", "install_failed", List.of("stderr_detected")),
    /** stderr outside the whitelist, exit 1. */
    STDERR_FAILURE(
            Site.NODE,
            "stderr-failure@apt-get install",
            "install_failed",
            List.of("fatal_exit_nonzero", "exit_status_1")),
    /** Only whitelisted noise on stderr: must NOT be flagged. */
    STDERR_NOISE(Site.NODE, "stderr-noise", "install_success", List.of()),
    SILENT_FAILURE(Site.NODE, "silent-failure@systemctl", "stub", List.of("silent_failure", "exit_status_1")),
    /** A silence shorter than the watchdog: must NOT be flagged. */
    SHORT_STALL(Site.NODE, "pause@apt-get install", "install_success", List.of()),
    STALL(Site.NODE, "stall@apt-get install", "watchdog_timeout", List.of("watchdog_triggered")),
    REFUSE(Site.NODE, "refuse", "ssh_retry_failed", List.of("last_error_ConnectException")),
    DROP(Site.NODE, "drop@apt-get install", "ssh_initiated_failed", List.of("connection_dropped")),
    /** Accepts TCP, never sends a banner. */
    NO_BANNER(Site.NODE, "mute", "ssh_initiated_failed", List.of("ssh_connect_stall")),
    /** Sends its banner a second late, within the bound: must NOT be flagged. */
    SLOW_BANNER(Site.NODE, "slow-banner", "install_success", List.of()),
    /**
     * Tomcat installs and runs but port 8080 never listens: the install succeeds and a node check that looks at the
     * port must fail. Only a scenario with such a check can detect it.
     */
    PORT_CLOSED(Site.NODE, "port-closed@8080", "check_failed", List.of("check_failed")),
    /**
     * The EC2 API throttles this share of calls ({@code RequestLimitExceeded}): the control plane must retry
     * through it, record it, and leave every node's install untouched. ec2-emulated only.
     */
    THROTTLE(Site.CONTROL_PLANE, null, "install_success", List.of("throttled")),
    /** Instances that never get a public IP: each must be reported by id, never dropped. ec2-emulated only. */
    NO_IP(Site.CONTROL_PLANE, null, "unreachable", List.of("no_public_ip"));

    /** Where a fault acts. */
    enum Site {
        BEFORE_CONNECT,
        AFTER_CONNECT,
        AFTER_FIRST_COMMAND,
        BEFORE_SUCCESS,
        NODE,
        CONTROL_PLANE
    }

    /** The control plane whose emulator acts the control-plane faults. */
    static final String EMULATED_EC2 = "ec2-emulated";

    final Site site;
    final String behaviour;
    final String expectedStatus;
    final List<String> expectedTags;

    Fault(Site site, String behaviour, String expectedStatus, List<String> expectedTags) {
        this.site = site;
        this.behaviour = behaviour;
        this.expectedStatus = expectedStatus;
        this.expectedTags = expectedTags;
    }

    public String expectedStatus() {
        return expectedStatus;
    }

    public List<String> expectedTags() {
        return expectedTags;
    }

    /** Whether the fault acts through the control plane (the EC2 emulator) rather than on a node. */
    public boolean isControlPlane() {
        return site == Site.CONTROL_PLANE;
    }

    /** Whether the run must leave this node {@code install_success} (the fault is noise, not failure). */
    public boolean expectsSuccess() {
        return expectedStatus.equals("install_success");
    }

    static Optional<Fault> byName(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Fault f : values()) {
            if (f.name().equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
