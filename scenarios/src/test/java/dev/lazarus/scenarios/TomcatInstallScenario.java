package dev.lazarus.scenarios;

import dev.lazarus.api.Scenario;

/**
 * The main job: Tomcat 10 installed on every node of a 512-node embedded fleet, and answering on 8080.
 * Run it with {@code mvn -P main-job verify}; every attribute can be overridden with {@code lazarus.*}
 * parameters (e.g. {@code -Dlazarus.fleet.size=64}).
 */
@Scenario(
        name = "TomcatInstall",
        fleetSize = 512,
        commands = {
            "apt-get update",
            "apt-get install -y tomcat10",
            "systemctl enable --now tomcat10",
            "curl -sf http://localhost:8080/"
        })
public class TomcatInstallScenario {}
