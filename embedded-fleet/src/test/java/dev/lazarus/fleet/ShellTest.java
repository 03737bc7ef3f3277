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
        return text(s, stream).lines().toList();
    }

    private static String text(Script s, Script.Stream stream) {
        return s.steps().stream()
                .filter(step -> step.stream() == stream)
                .map(Script.Step::text)
                .collect(java.util.stream.Collectors.joining());
    }

    private static Shell installedTomcat(Behaviour behaviour) {
        Shell sh = shell(behaviour);
        assertThat(sh.run("apt-get install -y tomcat10 && systemctl enable --now tomcat10")
                        .exitStatus())
                .isZero();
        return sh;
    }

    @Test
    void hostFactsReadTheStateTheInstallLeft() {
        Shell sh = shell(Behaviour.NORMAL);
        assertThat(sh.run("dpkg-query -W -f='${Status}|${Version}\\n' -- tomcat10")
                        .exitStatus())
                .isEqualTo(1);
        assertThat(sh.run("getent passwd -- tomcat").exitStatus()).isEqualTo(2);
        assertThat(lines(sh.run("ss -Hltn"), Script.Stream.STDOUT)).noneMatch(l -> l.contains(":8080"));
        sh = installedTomcat(Behaviour.NORMAL);

        assertThat(text(sh.run("dpkg-query -W -f='${Status}|${Version}\\n' -- 'tomcat10'"), Script.Stream.STDOUT))
                .isEqualTo("install ok installed|10.1.6-1\n");
        assertThat(lines(sh.run("systemctl is-active tomcat10; systemctl is-enabled tomcat10"), Script.Stream.STDOUT))
                .containsExactly("active", "enabled");
        assertThat(lines(sh.run("ss -Hltn"), Script.Stream.STDOUT)).anyMatch(l -> l.contains("*:8080"));
        assertThat(lines(sh.run("getent passwd -- tomcat && id -Gn -- tomcat"), Script.Stream.STDOUT))
                .containsExactly("tomcat:x:997:997:Apache Tomcat:/var/lib/tomcat:/usr/sbin/nologin", "tomcat");
        assertThat(lines(sh.run("id -u tomcat"), Script.Stream.STDOUT)).containsExactly("997");
        assertThat(lines(sh.run("pgrep -a -f -- 'catalina'"), Script.Stream.STDOUT))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("org.apache.catalina.startup.Bootstrap");

        Script file = sh.run("head -c 1048576 -- '/etc/tomcat10/server.xml' 2>/dev/null; echo; echo MARK; "
                + "stat -c '%F|%a|%U|%G|%s' -- '/etc/tomcat10/server.xml' && sha256sum -- '/etc/tomcat10/server.xml'");
        List<String> out = lines(file, Script.Stream.STDOUT);
        assertThat(out).anyMatch(l -> l.contains("<Connector port=\"8080\""));
        int mark = out.indexOf("MARK");
        assertThat(out.get(mark + 1)).matches("regular file\\|640\\|root\\|tomcat\\|\\d+");
        assertThat(out.get(mark + 2)).matches("[0-9a-f]{64}  /etc/tomcat10/server.xml");

        Script curl = sh.run("curl -s -i -m 10 -- 'http://localhost:8080/'");
        assertThat(curl.exitStatus()).isZero();
        assertThat(text(curl, Script.Stream.STDOUT))
                .startsWith("HTTP/1.1 200 \r\n")
                .contains("Apache Tomcat");
    }

    @Test
    void aClosedPortKeepsTomcatFromAnsweringWhileItRuns() {
        Shell sh = installedTomcat(Behaviour.parse("port-closed@8080"));
        assertThat(sh.run("systemctl is-active tomcat10").exitStatus()).isZero();
        assertThat(lines(sh.run("ss -Hltn"), Script.Stream.STDOUT)).isNotEmpty().noneMatch(l -> l.contains(":8080"));
        Script curl = sh.run("curl -s -i -- 'http://localhost:8080/'");
        assertThat(curl.exitStatus()).isEqualTo(7);
        assertThat(curl.steps()).isEmpty(); // -s: curl says nothing
    }

    @Test
    void sudoRunsTheQuotedCommandOrWantsAPassword() {
        Shell sh = shell(Behaviour.NORMAL);
        // what dev.lazarus.verdict.Shell.become("echo \"it's root\" && id -un") sends
        Script s = sh.run("sudo -n sh -c 'echo \"it'\\''s root\" && id -un'");
        assertThat(lines(s, Script.Stream.STDOUT)).containsExactly("it's root", "lazarus");
        Script refused = shell(Behaviour.of(Behaviour.Kind.SUDO_PASSWORD)).run("sudo -n sh -c 'apt-get update'");
        assertThat(refused.exitStatus()).isEqualTo(1);
        assertThat(lines(refused, Script.Stream.STDERR)).containsExactly("sudo: a password is required");
    }

    @Test
    void commandVNamesOnlyTheToolsANodeHas() {
        Script s = shell(Behaviour.NORMAL).run("command -v stat; command -v rpm; command -v curl; true");
        assertThat(lines(s, Script.Stream.STDOUT)).containsExactly("/usr/bin/stat", "/usr/bin/curl");
        assertThat(s.exitStatus()).isZero();
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
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("bash: nonexistent_command: command not found")
                .contains("simulated node", "What the simulated fleet can do");
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
