package dev.lazarus.bench;

import dev.lazarus.api.Scenario;
import java.util.List;

/** The main job's Tomcat install, at the fleet size the benchmark gives ({@code lazarus.fleet.size}). */
@Scenario(
        name = "BenchTomcat",
        fleetSize = 100,
        commands = {
            "apt-get update",
            "apt-get install -y tomcat10",
            "systemctl enable --now tomcat10",
            "curl -sf http://localhost:8080/"
        })
public class BenchTomcat {

    static final List<String> COMMANDS =
            List.of(BenchTomcat.class.getAnnotation(Scenario.class).commands());
}
