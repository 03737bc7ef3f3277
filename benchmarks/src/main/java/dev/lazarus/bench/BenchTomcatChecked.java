package dev.lazarus.bench;

import static dev.lazarus.assertj.LazarusAssertions.assertThat;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;

/**
 * The main job as it is now: Tomcat's install in three commands, then its two node checks (as the scenarios module's
 * {@code TomcatInstallScenario} has them) in place of {@link BenchTomcat}'s {@code curl}.
 */
@Scenario(
        name = "BenchTomcatChecked",
        fleetSize = 100,
        commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
public class BenchTomcatChecked {

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
