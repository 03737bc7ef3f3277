package dev.lazarus.scenarios;

import static dev.lazarus.assertj.LazarusAssertions.assertThat;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;

/**
 * The main job: Tomcat 10 installed on every node of a 512-node embedded fleet, then proven on every node by two
 * checks: it serves on 8080, and its package and configuration are what they should be. Run it with
 * {@code mvn -P main-job verify}; every attribute can be overridden with {@code lazarus.*} parameters (e.g.
 * {@code -Dlazarus.fleet.size=64}).
 */
@Scenario(
        name = "TomcatInstall",
        fleetSize = 512,
        commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
public class TomcatInstallScenario {

    @NodeCheck
    void tomcatServes(Host host) {
        assertThat(host.service("tomcat10")).isRunning().isEnabled();
        assertThat(host.socket("tcp://0.0.0.0:8080")).isListening();
        assertThat(host.http("http://localhost:8080/")).hasStatus(200).bodyContains("Apache Tomcat");
    }

    @NodeCheck
    void packageAndConfig(Host host) {
        assertThat(host.pkg("tomcat10")).isInstalled().hasVersionStartingWith("10.");
        assertThat(host.file("/etc/tomcat10/server.xml")).isFile().contains("port=\"8080\"");
        assertThat(host.run("id -u tomcat")).succeeded().stdoutMatches("\\d+\\s*");
    }
}
