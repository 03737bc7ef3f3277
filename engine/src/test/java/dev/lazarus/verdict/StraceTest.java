package dev.lazarus.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StraceTest {

    @Test
    void theTopLevelProcessExitIsReadFromTheTraceEvenWhenABackgroundChildEndsLast() {
        List<String> trace = List.of(
                "12384 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"bash -c 'sleep 0.2 & exit 1'\"], 0x7ffc /* 35 vars */) = 0",
                "12385 execve(\"/usr/bin/bash\", [\"bash\", \"-c\", \"sleep 0.2 & exit 1\"], 0x55e0 /* 35 vars */) = 0",
                "12385 +++ exited with 1 +++",
                "12384 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=12385, si_status=1} ---",
                "12384 +++ exited with 1 +++",
                "12386 execve(\"/usr/bin/sleep\", [\"sleep\", \"0.2\"], 0x5602 /* 35 vars */) = 0",
                "12386 +++ exited with 0 +++");
        assertThat(Strace.topLevelExit(trace)).isEqualTo(1);
    }

    @Test
    void aTraceStatusDifferentFromTheChannelsReplacesIt() {
        Strace.Reading r = Strace.read(
                0,
                List.of(
                        "own stderr",
                        Strace.TRACE_BEGIN,
                        "7 execve(\"/bin/sh\", [], 0x0) = 0",
                        "7 +++ exited with 3 +++"));
        assertThat(r.exitStatus()).isEqualTo(3);
        assertThat(r.tags()).containsExactly("exit_status_from_trace");
        assertThat(r.stderr())
                .containsExactly("own stderr", "7 execve(\"/bin/sh\", [], 0x0) = 0", "7 +++ exited with 3 +++");
    }

    @Test
    void withoutATraceTheChannelStatusStandsAndIsTagged() {
        Strace.Reading r = Strace.read(127, List.of("sh: 1: strace: not found", Strace.TRACE_BEGIN));
        assertThat(r.exitStatus()).isEqualTo(127);
        assertThat(r.tags()).containsExactly("fallback_exit_status");
    }

    @Test
    void traceLinesAreWhitelistedButWritesToStderrAndFailedExecsAreNot() {
        Whitelist w = Whitelist.forCommand("bash -c x", List.of(), true);
        assertThat(w.isWhitelisted(
                        "12379 execve(\"/usr/bin/bash\", [\"bash\", \"-c\", \"x\"], 0x56 /* 35 vars */) = 0"))
                .isTrue();
        assertThat(w.isWhitelisted("12379 write(1, \"hello\\n\", 6)             = 6"))
                .isTrue();
        assertThat(w.isWhitelisted("12379 +++ exited with 127 +++")).isTrue();
        assertThat(w.isWhitelisted("[pid 12379] --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---"))
                .isTrue();
        assertThat(w.isWhitelisted("12379 write(2, \"bash: line 1: nonexistent_comman\"..., 53) = 53"))
                .isFalse();
        assertThat(
                        w.isWhitelisted(
                                "12379 execve(\"/usr/local/bin/x\", [\"x\"], 0x56 /* 3 vars */) = -1 ENOENT (No such file or directory)"))
                .as("a PATH search step")
                .isTrue();
        assertThat(w.isWhitelisted(
                        "12379 execve(\"/opt/x\", [\"x\"], 0x56 /* 3 vars */) = -1 EACCES (Permission denied)"))
                .isFalse();
        assertThat(w.isWhitelisted("12379 +++ killed by SIGKILL +++")).isFalse();
        assertThat(w.isWhitelisted("13241 <... execve resumed>)             = 0"))
                .isTrue();
        assertThat(w.isWhitelisted("13240 write(1, \"hello\\n\", 6 <unfinished ...>"))
                .isTrue();
        assertThat(w.isWhitelisted("13240 write(2, \"oops\\n\", 5 <unfinished ...>"))
                .isFalse();
    }

    @Test
    void theWrapperKeepsTheCommandsQuotesIntact() {
        assertThat(Strace.wrap("echo 'it''s'")).contains("sh -c 'echo '\\''it'\\'''\\''s'\\'''");
    }
}
