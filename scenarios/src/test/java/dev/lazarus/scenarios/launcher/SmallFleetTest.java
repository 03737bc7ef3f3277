package dev.lazarus.scenarios.launcher;

import static dev.lazarus.assertj.LazarusAssertions.assertThat;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;

/**
 * A scenario named as the README tells a project to name its scenarios ({@code *Test}): what {@link
 * ConsoleLauncherTest}'s package scan must find (and Surefire runs it here too, by the same name).
 */
@Scenario(
        name = "SmallFleet",
        fleetSize = 4,
        commands = {"echo installed"})
public class SmallFleetTest {

    @NodeCheck
    void answers(Host host) {
        assertThat(host.run("echo up")).succeeded().stdoutMatches("up\\s*");
    }

    /** A scenario nested in another class: a scan leaves it alone; only a direct selection runs it. */
    @Scenario(
            name = "NestedFixture",
            fleetSize = 2,
            commands = {"echo nested"})
    public static class NestedFixtureTest {}
}
