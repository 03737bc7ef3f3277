package dev.lazarus.scenarios.realhosts;

import dev.lazarus.api.Scenario;

/**
 * A command that hangs on real hosts, as {@code scripts/real-hosts-check} runs it: the stream watchdog ends each
 * attempt, and the harness must end what it left running on the node (the script then looks for it with pgrep).
 */
@Scenario(
        name = "RealHostsStall",
        controlPlane = "inventory",
        become = true,
        commandTries = 1,
        commands = {"sleep 600 && echo lazarus-real-hosts-stall"})
public class RealHostsStall {}
