package dev.lazarus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LibraryLogTest {

    @Test
    void librariesLogIntoTheRunFolderAndNotOnTheConsole(@TempDir Path runs) throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        Path first = runs.resolve("run-1").resolve(LibraryLog.FILE);
        Path second = runs.resolve("run-2").resolve(LibraryLog.FILE);
        try {
            // the first call finds the provider: SLF4J says nothing about missing or multiple providers
            Logger log = LoggerFactory.getLogger("org.apache.sshd.server.SshServer");
            assertThat(log).isInstanceOf(LibraryLogger.class);

            log.info("started on {}:{}", "127.0.1.1", 2222);
            log.debug("below the default level");
            LibraryLog.openRun(first);
            log.warn("session {} closed", 7, new IllegalStateException("peer went away"));
            LibraryLog.openRun(second);
            log.error("in the second run");
        } finally {
            System.setErr(err);
            System.setOut(out);
        }

        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
        String firstRun = Files.readString(first);
        assertThat(firstRun)
                .contains("INFO  [", "org.apache.sshd.server.SshServer - started on 127.0.1.1:2222")
                .contains("WARN ", "session 7 closed", "java.lang.IllegalStateException: peer went away")
                .doesNotContain("below the default level", "in the second run");
        assertThat(firstRun.indexOf("started on")).isLessThan(firstRun.indexOf("session 7 closed"));
        assertThat(Files.readString(second))
                .contains("ERROR", "in the second run")
                .doesNotContain("session 7");
        assertThat(LibraryLog.current()).isEqualTo(second);
    }
}
