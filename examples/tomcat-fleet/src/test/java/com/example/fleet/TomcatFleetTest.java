package com.example.fleet;

import static dev.lazarus.assertj.LazarusAssertions.assertThat;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;

/**
 * Tomcat 10 on every node of the fleet, proven on each by two checks. Named *Test so that Surefire's default
 * includes run it. On the embedded (simulated) fleet by default; {@code -Dlazarus.control-plane=inventory
 * -Dlazarus.inventory.file=$PWD/hosts.txt} runs it on real hosts.
 */
@Scenario(
        name = "TomcatFleet",
        fleetSize = 8,
        commands = {"apt-get update", "apt-get install -y tomcat10", "systemctl enable --now tomcat10"})
public class TomcatFleetTest {

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
    }
}
