package dev.lazarus.host;

import static dev.lazarus.verdict.Shell.quote;

import java.util.Locale;

/**
 * The command line that reads each host fact. Plain POSIX shell and the tools every Linux distribution ships ({@code stat}, {@code dpkg-query} or {@code rpm}, {@code systemctl}, {@code ss} or
 * {@code netstat}, {@code curl} or {@code wget}, {@code pgrep}, {@code getent}); {@link FactReaders} reads their
 * output.
 */
final class FactCommands {

    /** The exit status of a command the shell could not find. */
    static final int NOT_FOUND = 127;

    /** What the init-script fallback of a service prints when the service runs. */
    static final String RUNNING_MARK = "lazarus-running";

    /** How much of a file's content is read. */
    static final int CONTENT_BYTES = 1 << 20;

    private FactCommands() {}

    /**
     * The file's content (its first MiB) first, then a mark, then its metadata and checksum: a host command keeps the
     * last lines of its output, so the metadata survives a long file.
     */
    static String file(String path) {
        String p = quote(path);
        return "head -c " + CONTENT_BYTES + " -- " + p + " 2>/dev/null; echo; echo " + FactReaders.CONTENT_MARK
                + "; stat -c '%F|%a|%U|%G|%s' -- " + p + " && sha256sum -- " + p;
    }

    static String dpkg(String name) {
        return "dpkg-query -W -f='${Status}|${Version}\\n' -- " + quote(name);
    }

    static String rpm(String name) {
        return "rpm -q --qf '%{VERSION}-%{RELEASE}\\n' " + quote(name);
    }

    static String systemd(String name) {
        String n = quote(name);
        return "systemctl is-active " + n + "; systemctl is-enabled " + n;
    }

    static String init(String name) {
        String n = quote(name);
        return "/etc/init.d/" + n + " status >/dev/null 2>&1 && echo " + RUNNING_MARK + "; ls /etc/rc?.d/S??" + n
                + " 2>/dev/null";
    }

    static String ss(String protocol) {
        return "ss -Hl" + (udp(protocol) ? "un" : "tn");
    }

    static String netstat(String protocol) {
        return "netstat -l" + (udp(protocol) ? "un" : "tn");
    }

    static String curl(String url) {
        return "curl -s -i -m 10 -- " + quote(url);
    }

    static String wget(String url) {
        return "wget -q -S -O - -T 10 -- " + quote(url);
    }

    /** How {@link #processes} calls pgrep, so the reader can leave out the shell that ran it. */
    static final String PGREP = "pgrep -a -f -- ";

    static String processes(String pattern) {
        return PGREP + quote(pattern);
    }

    static String user(String name) {
        String n = quote(name);
        // && keeps getent's exit status when it finds no user, or is missing (127)
        return "getent passwd -- " + n + " && id -Gn -- " + n;
    }

    private static boolean udp(String protocol) {
        return protocol.toLowerCase(Locale.ROOT).equals("udp");
    }
}
