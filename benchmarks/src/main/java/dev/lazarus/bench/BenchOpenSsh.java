package dev.lazarus.bench;

import dev.lazarus.api.Scenario;
import java.util.List;

/** The peers' workload on a real OpenSSH fleet: five short commands, the same for Lazarus, Ansible and the floor. */
@Scenario(
        name = "BenchOpenSsh",
        controlPlane = "inventory",
        commandTries = 1,
        commands = {
            "sleep 0.2; echo step1",
            "sleep 0.2; echo step2",
            "sleep 0.2; echo step3",
            "sleep 0.2; echo step4",
            "sleep 0.2; echo step5"
        })
public class BenchOpenSsh {

    static final List<String> COMMANDS =
            List.of(BenchOpenSsh.class.getAnnotation(Scenario.class).commands());
}
