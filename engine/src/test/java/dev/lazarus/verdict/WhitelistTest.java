package dev.lazarus.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhitelistTest {

    private final Whitelist apt =
            Whitelist.forCommand("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tomcat10");

    @ParameterizedTest
    @ValueSource(
            strings = {
                // lines the seed saw on stderr of apt on 512 EC2 nodes (reference log)
                "WARNING: apt does not have a stable CLI interface. Use with caution in scripts.",
                "debconf: delaying package configuration, since apt-utils is not installed",
                "Reading package lists...",
                "Building dependency tree...",
                "Reading state information...",
                "(Reading database ... 65%",
                "(Reading database ... 71234 files and directories currently installed.)",
                "Preparing to unpack .../tomcat9_9.0.58-1_all.deb ...",
                "Selecting previously unselected package libtomcat9-java.",
                "Setting up tomcat9 (9.0.58-1) ...",
                "Processing triggers for man-db (2.10.2-1) ...",
                "Get:1 http://us-east-1.ec2.archive.ubuntu.com/ubuntu jammy/universe amd64 tomcat9-common all 9.0.58-1 [59.3 kB]",
                "Fetched 6,325 kB in 1s (9,412 kB/s)",
                "12 packages can be upgraded. Run 'apt list --upgradable' to see them.",
                "0 upgraded, 5 newly installed, 0 to remove and 12 not upgraded.",
                "Waiting for cache lock: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (apt)",
                "perl: warning: Setting locale failed.",
                "update-alternatives: using /usr/lib/jvm/java-17-openjdk-amd64/bin/java to provide /usr/bin/java (java) in auto mode",
                "tomcat9 is already the newest version (9.0.58-1).",
                ""
            })
    void aptNoiseIsWhitelisted(String line) {
        assertThat(apt.isWhitelisted(line)).as(line).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "E: Unable to locate package tomcat99",
                "E: Package 'tomcat99' has no installation candidate",
                "dpkg: error processing package tomcat9 (--configure):",
                "bash: nonexistent_command: command not found",
                "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server"
            })
    void realFailuresAreNotWhitelisted(String line) {
        assertThat(apt.isWhitelisted(line)).as(line).isFalse();
    }

    @Test
    void familyIsChosenFromTheCommand() {
        assertThat(Whitelist.forCommand("apt-get update").family()).isEqualTo(Whitelist.Family.APT);
        assertThat(Whitelist.forCommand("sudo apt install -y nginx").family()).isEqualTo(Whitelist.Family.APT);
        assertThat(Whitelist.forCommand("yum install -y httpd").family()).isEqualTo(Whitelist.Family.YUM);
        assertThat(Whitelist.forCommand("dnf -y install httpd").family()).isEqualTo(Whitelist.Family.DNF);
        assertThat(Whitelist.forCommand("strace -f -e trace=execve,write bash -c 'echo hi'")
                        .family())
                .isEqualTo(Whitelist.Family.STRACE);
        assertThat(Whitelist.forCommand("systemctl enable --now tomcat10").family())
                .isEqualTo(Whitelist.Family.NONE);
        assertThat(Whitelist.forCommand("echo aptitude").family()).isEqualTo(Whitelist.Family.NONE);
    }

    @Test
    void aptWhitelistDoesNotApplyToOtherCommands() {
        Whitelist none = Whitelist.forCommand("systemctl enable --now tomcat10");
        assertThat(none.nonWhitelisted(List.of("Reading package lists...", "boom")))
                .containsExactly("Reading package lists...", "boom");
    }

    @Test
    void extraPatternsExtendTheWhitelist() {
        Whitelist extended =
                Whitelist.forCommand("systemctl enable --now tomcat10", List.of("Synchronizing state of .*"));
        assertThat(extended.nonWhitelisted(List.of(
                        "Synchronizing state of tomcat10.service with SysV service script with /lib/systemd/systemd-sysv-install.",
                        "Failed to enable unit")))
                .containsExactly("Failed to enable unit");
    }
}
