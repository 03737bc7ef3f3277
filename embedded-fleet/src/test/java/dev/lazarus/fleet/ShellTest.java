package dev.lazarus.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShellTest {

    private static Shell shell(Behaviour behaviour) {
        return new Shell("127.0.1.1", new NodeState(), behaviour, 1.0, new Random(7));
    }

    private static List<String> lines(Script s, Script.Stream stream) {
        return s.steps().stream()
                .filter(step -> step.stream() == stream)
                .map(step -> step.text().substring(0, step.text().length() - 1))
                .toList();
    }

    @Test
    void tomcatInstallsStartsAndAnswersOnlyAfterItWasStarted() {
        Shell sh = shell(Behaviour.NORMAL);
        assertThat(sh.run("curl -sf http://localhost:8080/").exitStatus()).isEqualTo(7);
        assertThat(sh.run("apt-get update").exitStatus()).isZero();
        Script install = sh.run("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tomcat10");
        assertThat(install.exitStatus()).isZero();
        assertThat(lines(install, Script.Stream.STDOUT)).contains("Setting up tomcat10 (10.1.6-1) ...");
        assertThat(lines(install, Script.Stream.STDERR))
                .containsExactly("debconf: delaying package configuration, since apt-utils is not installed");
        assertThat(install.durationMillis()).isBetween(1000L, 6000L);
        assertThat(sh.run("systemctl is-active tomcat10").exitStatus()).isEqualTo(3);
        assertThat(sh.run("systemctl enable --now tomcat10").exitStatus()).isZero();
        assertThat(sh.run("systemctl is-active tomcat10").exitStatus()).isZero();
        Script curl = sh.run("curl -sf http://localhost:8080/");
        assertThat(curl.exitStatus()).isZero();
        assertThat(lines(curl, Script.Stream.STDOUT)).anyMatch(l -> l.contains("Apache Tomcat"));
        assertThat(sh.run("apt-get install -y tomcat10").steps())
                .anyMatch(s -> s.text().contains("already the newest"));
    }

    @Test
    void realisticFailures() {
        Shell sh = shell(Behaviour.NORMAL);
        Script missing = sh.run("apt-get install -y tomcat99");
        assertThat(missing.exitStatus()).isEqualTo(100);
        assertThat(lines(missing, Script.Stream.STDERR)).containsExactly("E: Unable to locate package tomcat99");
        Script unknown = sh.run("nonexistent_command --flag");
        assertThat(unknown.exitStatus()).isEqualTo(127);
        assertThat(lines(unknown, Script.Stream.STDERR))
                .containsExactly("bash: nonexistent_command: command not found");
        assertThat(sh.run("systemctl enable --now tomcat10").exitStatus()).isEqualTo(1);
        Script apt = sh.run("apt update");
        assertThat(lines(apt, Script.Stream.STDERR))
                .contains("WARNING: apt does not have a stable CLI interface. Use with caution in scripts.");
    }

    @Test
    void aLittleBash() {
        Shell sh = shell(Behaviour.NORMAL);
        Script s = sh.run("bash -c \"echo one && echo two >&2; false || exit 3\"");
        assertThat(lines(s, Script.Stream.STDOUT)).containsExactly("one");
        assertThat(lines(s, Script.Stream.STDERR)).containsExactly("two");
        assertThat(s.exitStatus()).isEqualTo(3);
        assertThat(sh.run("false && echo never").steps()).isEmpty();
        assertThat(sh.run("sleep 0.2; echo step1").durationMillis()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void behavioursApplyToMatchingCommandsOnly() {
        Shell silent = shell(Behaviour.parse("silent-failure@systemctl"));
        assertThat(silent.run("apt-get install -y tomcat10").exitStatus()).isZero();
        Script s = silent.run("systemctl enable --now tomcat10");
        assertThat(s.exitStatus()).isEqualTo(1);
        assertThat(lines(s, Script.Stream.STDERR)).isEmpty();

        Script noise = shell(Behaviour.of(Behaviour.Kind.STDERR_NOISE)).run("apt-get update");
        assertThat(noise.exitStatus()).isZero();
        assertThat(lines(noise, Script.Stream.STDERR))
                .contains(
                        "WARNING: apt does not have a stable CLI interface. Use with caution in scripts.",
                        "perl: warning: Setting locale failed.");

        Shell flaky = shell(Behaviour.parse("flaky"));
        assertThat(flaky.run("apt-get update").exitStatus()).isEqualTo(1);
        assertThat(flaky.run("apt-get update").exitStatus()).isZero();

        assertThat(shell(Behaviour.parse("stall")).run("apt-get update").ending())
                .isEqualTo(Script.End.STALL);
        assertThat(shell(Behaviour.parse("drop")).run("apt-get update").ending())
                .isEqualTo(Script.End.DROP);
    }

    @Test
    void speedScalesDurations() {
        Shell instant = new Shell("127.0.1.1", new NodeState(), Behaviour.NORMAL, 0, new Random(1));
        assertThat(instant.run("apt-get install -y tomcat10").durationMillis()).isZero();
    }
}
