package dev.lazarus.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostFile;
import dev.lazarus.api.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fact parser against output the real tools print (Debian 12, Rocky 9, BusyBox where it differs). */
class FactReadersTest {

    private static CommandResult result(int exit, String stdout, String stderr) {
        return new CommandResult("10.0.0.1", "cmd", exit, stdout, stderr, Duration.ofMillis(3));
    }

    private static CommandResult out(String stdout) {
        return result(0, stdout, "");
    }

    @Test
    void aFileItsContentWhicheverWayItEndsAndItsMetadata() {
        String meta =
                "\n" + FactReaders.CONTENT_MARK + "\nregular file|640|root|tomcat|12\n" + "a".repeat(64) + "  /etc/x\n";
        HostFile ended = FactReaders.file("/etc/x", out("one\ntwo\n" + meta));
        HostFile open = FactReaders.file("/etc/x", out("one\ntwo" + meta));
        assertThat(ended.contents()).contains("one\ntwo");
        assertThat(open.contents()).contains("one\ntwo");
        assertThat(ended.isFile()).isTrue();
        assertThat(ended.mode()).isEqualTo("640");
        assertThat(ended.owner()).isEqualTo("root");
        assertThat(ended.group()).isEqualTo("tomcat");
        assertThat(ended.sha256()).contains("a".repeat(64));

        HostFile missing = FactReaders.file(
                "/nope", result(1, "\n" + FactReaders.CONTENT_MARK + "\n", "stat: cannot statx '/nope': No such file"));
        assertThat(missing.exists()).isFalse();
        HostFile dir =
                FactReaders.file("/tmp", out("\n" + FactReaders.CONTENT_MARK + "\ndirectory|1777|root|root|4096\n"));
        assertThat(dir.isDirectory()).isTrue();
        assertThat(dir.contents()).isEmpty();
        assertThat(dir.sha256()).isEmpty();
    }

    @Test
    void packagesFromDpkgAndRpm() {
        assertThat(FactReaders.dpkg("tomcat10", out("install ok installed|10.1.34-0+deb12u1\n"))
                        .version())
                .contains("10.1.34-0+deb12u1");
        assertThat(FactReaders.dpkg("tomcat10", out("deinstall ok config-files|10.1.34-0+deb12u1\n"))
                        .installed())
                .as("removed, its configuration left")
                .isFalse();
        assertThat(FactReaders.dpkg("x", result(1, "", "dpkg-query: no packages found matching x"))
                        .installed())
                .isFalse();
        assertThat(FactReaders.rpm("tomcat", out("9.0.87-1.el9\n")).version()).contains("9.0.87-1.el9");
        assertThat(FactReaders.rpm("x", result(1, "package x is not installed\n", ""))
                        .installed())
                .isFalse();
    }

    @Test
    void servicesFromSystemdAndInitScripts() {
        assertThat(FactReaders.systemd("ssh", out("active\nenabled\n")).running())
                .isTrue();
        assertThat(FactReaders.systemd("ssh", result(3, "inactive\ndisabled\n", ""))
                        .enabled())
                .isFalse();
        assertThat(FactReaders.systemdDown(result(
                        1, "", "System has not been booted with systemd as init system (PID 1). Can't operate.")))
                .isTrue();
        var init = FactReaders.init("ssh", out(FactCommands.RUNNING_MARK + "\n/etc/rc2.d/S01ssh\n"));
        assertThat(init.running()).isTrue();
        assertThat(init.enabled()).isTrue();
    }

    @Test
    void listenersFromSsAndNetstatWithWildcardsBothWays() {
        CommandResult ss = out("LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nLISTEN 0 100 *:8080 *:*\n"
                + "LISTEN 0 5 127.0.0.1:631 0.0.0.0:*\nLISTEN 0 128 [::]:22 [::]:*\n");
        assertThat(FactReaders.socket("tcp://0.0.0.0:8080", ss, false).listening())
                .isTrue();
        assertThat(FactReaders.socket("tcp://10.0.0.1:22", ss, false).listening())
                .isTrue();
        assertThat(FactReaders.socket("tcp://127.0.0.1:631", ss, false).listening())
                .isTrue();
        assertThat(FactReaders.socket("tcp://10.0.0.1:631", ss, false).listening())
                .as("bound to loopback only")
                .isFalse();
        assertThat(FactReaders.socket("tcp://0.0.0.0:9090", ss, false).listeners())
                .containsExactly("0.0.0.0:22", "*:8080", "127.0.0.1:631", "[::]:22");
        CommandResult netstat = out("Active Internet connections (only servers)\n"
                + "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
                + "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN\n"
                + "tcp6       0      0 :::8080                 :::*                    LISTEN\n");
        assertThat(FactReaders.socket("tcp://0.0.0.0:8080", netstat, true).listening())
                .isTrue();
        assertThat(FactReaders.socket("tcp://0.0.0.0:22", netstat, true).listeners())
                .containsExactly("0.0.0.0:22", ":::8080");
    }

    @Test
    void httpTheLastStatusLineCountsAndHeadersAreCaseInsensitive() {
        HttpResponse redirected = FactReaders.curl(
                "http://localhost/",
                out("HTTP/1.1 302 Found\r\nLocation: /app/\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                        + "<h1>Apache Tomcat</h1>\n"));
        assertThat(redirected.status()).isEqualTo(200);
        assertThat(redirected.headers()).containsEntry("content-type", List.of("text/html"));
        assertThat(redirected.body()).isEqualTo("<h1>Apache Tomcat</h1>");
        assertThat(FactReaders.curl("http://localhost:1/", result(7, "", "")).status())
                .as("nothing answered")
                .isZero();
        HttpResponse wget = FactReaders.wget(
                "http://localhost/", result(0, "body\n", "  HTTP/1.1 404 Not Found\n  Server: nginx\n"));
        assertThat(wget.status()).isEqualTo(404);
        assertThat(wget.headers()).containsEntry("server", List.of("nginx"));
    }

    @Test
    void processesLeaveOutTheShellThatRanPgrep() {
        var found = FactReaders.processes(
                "catalina",
                out("812 /usr/bin/java -Dcatalina.base=/var/lib/tomcat10 org.apache.catalina.startup.Bootstrap start\n"
                        + "4242 sudo -n sh -c " + FactCommands.PGREP + "'catalina'\n"));
        assertThat(found.matching())
                .singleElement()
                .satisfies(p -> assertThat(p.pid()).isEqualTo(812));
    }

    @Test
    void usersFromGetentAndId() {
        var tomcat = FactReaders.user(
                "tomcat", out("tomcat:x:997:997:Apache Tomcat:/var/lib/tomcat:/usr/sbin/nologin\ntomcat adm\n"));
        assertThat(tomcat.exists()).isTrue();
        assertThat(tomcat.uid()).isEqualTo(997);
        assertThat(tomcat.groups()).containsExactly("tomcat", "adm");
        assertThat(FactReaders.user("nobody2", result(2, "", "")).exists()).isFalse();
    }
}
