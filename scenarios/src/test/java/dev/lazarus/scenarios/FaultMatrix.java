package dev.lazarus.scenarios;

import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Inject;

/**
 * The detection matrix: every fault Lazarus can inject, each into two nodes of one 512-node Tomcat run with the main
 * job's node checks (which a closed port must fail).
 * The injected nodes fail as they should; what matters is {@code injection_matrix.log}: 0 missed, 0 false
 * alarms. Its name does not end in {@code Scenario}, so {@code mvn verify} leaves it to {@link FaultMatrixTest};
 * run it yourself with
 * {@code mvn -pl scenarios -am verify -Dtest=FaultMatrix -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlazarus.watchdog.timeout=5s -Dlazarus.ssh.auth-timeout=4s -Dlazarus.ssh.connect-attempts=2}.
 */
@Scenario(
        name = "FaultMatrix",
        fleetSize = 512,
        commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
@Inject(fault = "FORCE_TOMCAT_FAIL_PRE_SSH", count = 2)
@Inject(fault = "FORCE_TOMCAT_FAIL", count = 2)
@Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 2)
@Inject(fault = "FORCE_TOMCAT_FAIL_POSTINSTALL", count = 2)
@Inject(fault = "GHOST", count = 2)
@Inject(fault = "STDERR", count = 2)
@Inject(fault = "STDERR_FAILURE", count = 2)
@Inject(fault = "STDERR_NOISE", count = 2)
@Inject(fault = "SILENT_FAILURE", count = 2)
@Inject(fault = "SHORT_STALL", count = 2)
@Inject(fault = "STALL", count = 2)
@Inject(fault = "REFUSE", count = 2)
@Inject(fault = "DROP", count = 2)
@Inject(fault = "NO_BANNER", count = 2)
@Inject(fault = "SLOW_BANNER", count = 2)
@Inject(fault = "PORT_CLOSED", count = 2)
public class FaultMatrix extends TomcatInstallScenario {}
