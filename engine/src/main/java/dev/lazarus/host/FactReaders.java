package dev.lazarus.host;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostFile;
import dev.lazarus.api.HostPackage;
import dev.lazarus.api.HostProcesses;
import dev.lazarus.api.HostService;
import dev.lazarus.api.HostSocket;
import dev.lazarus.api.HostUser;
import dev.lazarus.api.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the output of each host-fact command means: one parser per fact, from the command's result to the fact. The
 * commands themselves are in {@link FactCommands}; a parser reads exactly what its command prints.
 */
final class FactReaders {

    /** Separates the metadata of a file from its content in the output of the file command. */
    static final String CONTENT_MARK = "--lazarus-content--";

    private static final Pattern STAT = Pattern.compile("([^|]+)\\|([0-7]+)\\|([^|]*)\\|([^|]*)\\|(\\d+)");
    private static final Pattern SHA256 = Pattern.compile("([0-9a-f]{64})\\s.*");
    private static final Pattern STATUS_LINE = Pattern.compile("\\s*HTTP/\\S+\\s+(\\d{3}).*");

    private FactReaders() {}

    /** The file command's output: content, the mark, {@code stat}'s line, {@code sha256sum}'s line. */
    static HostFile file(String path, CommandResult r) {
        List<String> lines = r.stdout().lines().toList();
        int mark = lines.lastIndexOf(CONTENT_MARK);
        List<String> meta = mark < 0 ? List.of() : lines.subList(mark + 1, lines.size());
        Matcher stat = meta.isEmpty() ? null : STAT.matcher(meta.get(0));
        if (stat == null || !stat.matches()) {
            return new HostFile(path, false, "", "", "", "", 0, Optional.empty(), Optional.empty(), r);
        }
        String type = stat.group(1);
        boolean regular = type.startsWith("regular");
        Optional<String> sha = meta.stream()
                .skip(1)
                .map(SHA256::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .findFirst();
        List<String> content = lines.subList(0, mark);
        // the command prints a newline before the mark: drop it, whichever way the file ended
        if (!content.isEmpty() && content.get(content.size() - 1).isEmpty()) {
            content = content.subList(0, content.size() - 1);
        }
        return new HostFile(
                path,
                true,
                type,
                stat.group(2),
                stat.group(3),
                stat.group(4),
                Long.parseLong(stat.group(5)),
                regular ? sha : Optional.empty(),
                regular ? Optional.of(String.join("\n", content)) : Optional.empty(),
                r);
    }

    /** {@code dpkg-query -W -f '${Status}|${Version}\n'}: installed when the status ends in {@code installed}. */
    static HostPackage dpkg(String name, CommandResult r) {
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.split("\\|", 2);
            if (f.length == 2 && f[0].strip().endsWith(" installed")) {
                return new HostPackage(name, true, Optional.of(f[1].strip()), "dpkg", r);
            }
        }
        return new HostPackage(name, false, Optional.empty(), "dpkg", r);
    }

    /** {@code rpm -q --qf '%{VERSION}-%{RELEASE}\n'}: installed when it exits 0. */
    static HostPackage rpm(String name, CommandResult r) {
        boolean installed = r.succeeded() && !r.stdout().isBlank();
        return new HostPackage(
                name, installed, installed ? Optional.of(r.stdout().strip()) : Optional.empty(), "rpm", r);
    }

    /** {@code systemctl is-active; systemctl is-enabled}: two words, {@code active} and {@code enabled}. */
    static HostService systemd(String name, CommandResult r) {
        List<String> words = r.stdout().lines().map(String::strip).toList();
        boolean running = !words.isEmpty() && words.get(0).equals("active");
        boolean enabled = words.size() > 1 && words.get(1).equals("enabled");
        return new HostService(name, running, enabled, "systemd", r);
    }

    /** True when systemctl answered that systemd is not what runs the node. */
    static boolean systemdDown(CommandResult r) {
        return r.stderr().contains("not been booted with systemd") || r.stderr().contains("Failed to connect to bus");
    }

    /** The init script's {@code status}, then a start link's name if one exists (see {@link FactCommands}). */
    static HostService init(String name, CommandResult r) {
        List<String> lines = r.stdout().lines().toList();
        boolean running = lines.stream().anyMatch(l -> l.strip().equals(FactCommands.RUNNING_MARK));
        boolean enabled = lines.stream().anyMatch(l -> l.contains("/rc") && l.contains("/S"));
        return new HostService(name, running, enabled, "init", r);
    }

    /** {@code ss -Hltn} or {@code netstat -ltn}: the local address column of each listener. */
    static HostSocket socket(String url, CommandResult r, boolean netstat) {
        URI uri = URI.create(url);
        String protocol = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
        int port = uri.getPort();
        List<String> listeners = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (netstat) {
                if (f.length >= 4 && f[0].startsWith(protocol)) {
                    listeners.add(f[3]);
                }
            } else if (f.length >= 4) {
                listeners.add(f[3]);
            }
        }
        boolean listening = listeners.stream().anyMatch(l -> matches(l, host, port));
        return new HostSocket(url, protocol, host, port, listening, listeners, r);
    }

    /** A listener {@code host:port} serves {@code host:port} when the ports agree and either address is a wildcard. */
    private static boolean matches(String listener, String host, int port) {
        int colon = listener.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String address = listener.substring(0, colon).replace("[", "").replace("]", "");
        String portText = listener.substring(colon + 1);
        if (!portText.equals(String.valueOf(port))) {
            return false;
        }
        return isWildcard(address) || isWildcard(host) || address.equals(host) || address.startsWith(host + "%");
    }

    private static boolean isWildcard(String address) {
        return address.equals("*") || address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
    }

    /** {@code curl -s -i}: the status line and headers, a blank line, the body; status 0 when nothing answered. */
    static HttpResponse curl(String url, CommandResult r) {
        return http(url, r.stdout(), r);
    }

    /** {@code wget -S -O -}: the headers on stderr (indented), the body on stdout. */
    static HttpResponse wget(String url, CommandResult r) {
        return http(
                url, r.stderr().lines().map(String::strip).reduce("", (a, b) -> a + b + "\n") + "\n" + r.stdout(), r);
    }

    private static HttpResponse http(String url, String text, CommandResult r) {
        // HTTP ends its header lines with CR LF
        List<String> lines = text.lines()
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .toList();
        // the last status line counts: a redirect or a 100-continue puts several
        int last = -1;
        for (int j = 0; j < lines.size(); j++) {
            if (STATUS_LINE.matcher(lines.get(j)).matches()) {
                last = j;
            }
        }
        if (last < 0) {
            return new HttpResponse(url, 0, Map.of(), "", r);
        }
        Matcher status = STATUS_LINE.matcher(lines.get(last));
        status.matches();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int i = last + 1;
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(
                                line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        String body = i + 1 < lines.size() ? String.join("\n", lines.subList(i + 1, lines.size())) : "";
        return new HttpResponse(url, Integer.parseInt(status.group(1)), headers, body, r);
    }

    /**
     * {@code pgrep -a -f}: one process a line, its pid first. The shell or {@code sudo} that ran pgrep carries the
     * pattern in its own command line: it is not one of the processes asked about.
     */
    static HostProcesses processes(String pattern, CommandResult r) {
        List<HostProcesses.Process> found = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            if (line.contains(FactCommands.PGREP)) {
                continue;
            }
            String[] f = line.strip().split("\\s+", 2);
            if (f.length >= 1 && f[0].matches("\\d+")) {
                found.add(new HostProcesses.Process(Long.parseLong(f[0]), f.length > 1 ? f[1] : ""));
            }
        }
        return new HostProcesses(pattern, found, r);
    }

    /** {@code getent passwd} (one {@code passwd} line) then {@code id -Gn} (the group names). */
    static HostUser user(String name, CommandResult r) {
        List<String> lines = r.stdout().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(":", -1);
            if (f.length >= 7 && f[0].equals(name)) {
                List<String> groups = i + 1 < lines.size()
                        ? Arrays.stream(lines.get(i + 1).strip().split("\\s+"))
                                .filter(g -> !g.isEmpty())
                                .toList()
                        : List.of();
                return new HostUser(name, true, parse(f[2]), parse(f[3]), f[5], f[6], groups, r);
            }
        }
        return new HostUser(name, false, -1, -1, "", "", List.of(), r);
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
