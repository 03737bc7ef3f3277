package dev.lazarus.scenarios.realhosts;

import static dev.lazarus.assertj.LazarusAssertions.assertThat;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;

/**
 * Debian's real {@code tomcat10} on real hosts, as {@code scripts/real-hosts-check} runs it: four loopback hosts of
 * one machine install it at once (so they contend for apt's and dpkg's locks), start it without systemd (one Tomcat
 * for the machine, under a lock its Tomcat does not inherit: {@code flock -o}), and check it serves on 8080. Not a {@code *Scenario}: {@code mvn verify} leaves it
 * alone, it changes the machine.
 */
@Scenario(
        name = "RealHostsTomcat",
        controlPlane = "inventory",
        become = true,
        commands = {
            "apt-get update",
            "DEBIAN_FRONTEND=noninteractive apt-get install -y tomcat10",
            "flock -o /run/lazarus-tomcat-start.lock sh -c 'pgrep -f \"[o]rg.apache.catalina.startup.Bootstrap\" >/dev/null"
                    + " || setsid -f runuser -u tomcat -- env CATALINA_HOME=/usr/share/tomcat10"
                    + " CATALINA_BASE=/var/lib/tomcat10 CATALINA_TMPDIR=/tmp JAVA_OPTS=-Djava.awt.headless=true"
                    + " /usr/libexec/tomcat10/tomcat-start.sh </dev/null >/var/log/tomcat10/lazarus-start.log 2>&1'",
            "for i in $(seq 90); do ss -Hltn | grep -q ':8080 ' && exit 0; echo \"waiting for 8080: $i s\"; sleep 1; done;"
                    + " echo 'Tomcat did not listen on 8080 within 90 s' >&2; exit 1"
        })
public class RealHostsTomcat {

    @NodeCheck
    void tomcatServes(Host host) {
        assertThat(host.process("org\\.apache\\.catalina\\.startup\\.Bootstrap"))
                .isRunning();
        assertThat(host.socket("tcp://0.0.0.0:8080")).isListening();
        assertThat(host.http("http://localhost:8080/")).hasStatus(200).bodyContains("Apache Tomcat");
    }

    @NodeCheck
    void packageAndConfig(Host host) {
        assertThat(host.pkg("tomcat10")).isInstalled().hasVersionStartingWith("10.");
        assertThat(host.file("/etc/tomcat10/server.xml")).isFile().contains("port=\"8080\"");
        assertThat(host.user("tomcat")).exists();
    }
}
