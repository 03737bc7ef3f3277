package dev.lazarus.verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Regex sets, per command family (apt, yum, dnf, strace), that recognise stderr lines which are noise rather than
 * failure: apt's CLI warning, progress lines, debconf and locale warnings, the trace's own lines. A line is
 * whitelisted when one pattern matches the whole (trimmed) line; every pattern is checked against real lines
 * ({@code whitelist-samples.txt}).
 */
public final class Whitelist {

    /** The command families a whitelist is chosen by. */
    public enum Family {
        APT,
        YUM,
        DNF,
        STRACE,
        NONE
    }

    static final List<String> APT = List.of(
            "Reading state information.*",
            "Run 'apt list --upgradable' to see them.*",
            "WARNING: apt does not have a stable CLI interface.*",
            "Reading package lists.*",
            "Building dependency tree.*",
            "Preparing to unpack.*",
            "Unpacking.*",
            "Setting up.*",
            "Processing triggers for.*",
            "update-alternatives:.*",
            "Get:.*",
            "Hit:.*",
            "Ign:.*",
            "Fetched .* in .*",
            "Reading database .*",
            "Selecting previously unselected package .*",
            "\\d+ upgraded, .* not upgraded\\.?",
            "Waiting for cache lock: Could not get lock .*lock-frontend.*",
            "debconf: delaying package configuration.*",
            "debconf: unable to initialize frontend.*",
            "debconf: \\(.*\\)",
            "debconf: falling back to frontend.*",
            "dpkg-preconfigure: unable to re-open stdin.*",
            "update-initramfs:.*",
            "systemd-sysv-generator.*",
            "invoke-rc.d:.*",
            "insserv: warning: script.*",
            "insserv: warning: current start runlevel.*",
            "\\(Reading database \\.\\.\\..*",
            ".*\\.deb \\.\\.\\..*",
            ".* is already the newest version.*",
            "perl: warning: Setting locale failed.*",
            "perl: warning: Falling back to the standard locale.*",
            "perl: warning: Please check that your locale settings:.*",
            "The following additional packages will be installed:",
            "Suggested packages:",
            "The following NEW packages will be installed:",
            "Need to get .* of archives\\.",
            "After this operation, .* of additional disk space will be used\\.",
            "\\d+ packages? can be upgraded\\. Run 'apt list --upgradable' to see (them|it)\\.",
            "All packages are up to date\\.");

    static final List<String> YUM = List.of(
            "Loaded plugins:.*",
            "Resolving Dependencies",
            "--> Running transaction check",
            "--> Processing Dependency:.*",
            "--> Finished Dependency Resolution",
            "Dependencies Resolved",
            "Transaction Summary",
            "Install\\s+\\d+ Package\\(s\\)",
            "Total download size: .*",
            "Installed size: .*",
            "Downloading packages:",
            "Running transaction",
            "Installing : .*",
            "Verifying  : .*",
            "Complete!",
            "Package .* already installed and latest version",
            "Nothing to do",
            "Cleaning up.*",
            "Importing GPG key .*",
            "Retrieving key from .*",
            "Key imported successfully");

    static final List<String> DNF = List.of(
            "Dependencies resolved\\.?",
            "Transaction Summary",
            "Install\\s+\\d+ Package\\(s\\)",
            "Total download size: .*",
            "Installed size: .*",
            "Downloading Packages:",
            "Running transaction",
            "Preparing\\s+: .*",
            "Installing\\s+: .*",
            "Verifying\\s+: .*",
            "Running scriptlet: .*",
            "Complete!",
            "Nothing to do\\.?",
            "Package .* is already installed\\.?",
            "Importing GPG key .*",
            "Retrieving key from .*",
            "Key imported successfully");

    static final List<String> STRACE = List.of(
            "(\\[pid\\s+)?\\d*\\]?\\s*\\+\\+\\+ exited with \\d+ \\+\\+\\+",
            "(\\[pid\\s+)?\\d*\\]?\\s*execve\\(.*\\) = \\d+",
            // a PATH search (execvp) tries each directory in turn; a missing command is still caught by the
            // shell's own "command not found" on fd 2
            "(\\[pid\\s+)?\\d*\\]?\\s*execve\\(.*\\) = -1 ENOENT \\(No such file or directory\\)",
            "(\\[pid\\s+)?\\d*\\]?\\s*write\\(1, .* = \\d+",
            "(\\[pid\\s+)?\\d*\\]?\\s*--- SIGCHLD .* ---",
            "(\\[pid\\s+)?\\d*\\]?\\s*(execve\\(|write\\(1, ).*<unfinished \\.\\.\\.>",
            "(\\[pid\\s+)?\\d*\\]?\\s*<\\.\\.\\. (execve|write) resumed>.*\\)\\s*=\\s*\\d+",
            "strace: Process \\d+ (attached|detached)");

    private final Family family;
    private final List<Pattern> patterns;

    private Whitelist(Family family, List<Pattern> patterns) {
        this.family = family;
        this.patterns = patterns;
    }

    /** The whitelist for a command, chosen by the package tool it runs; {@code extra} patterns are added. */
    public static Whitelist forCommand(String command, List<String> extra) {
        return forCommand(command, extra, false);
    }

    /**
     * The whitelist for a command; under strace mode the trace's own lines are whitelisted too, beside the
     * family of the command that was wrapped.
     */
    public static Whitelist forCommand(String command, List<String> extra, boolean straced) {
        Family family = familyOf(command);
        List<Pattern> patterns = new ArrayList<>();
        extra.forEach(x -> patterns.add(Pattern.compile(x)));
        patterns.addAll(COMPILED.get(family));
        if (straced && family != Family.STRACE) {
            patterns.addAll(COMPILED.get(Family.STRACE));
        }
        return new Whitelist(family, List.copyOf(patterns));
    }

    /** Each family's patterns compiled once: a whitelist is chosen for every command of every node. */
    private static final Map<Family, List<Pattern>> COMPILED = compileAll();

    private static Map<Family, List<Pattern>> compileAll() {
        Map<Family, List<Pattern>> compiled = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            compiled.put(f, patternsOf(f).stream().map(Pattern::compile).toList());
        }
        return compiled;
    }

    static List<String> patternsOf(Family family) {
        return switch (family) {
            case APT -> APT;
            case YUM -> YUM;
            case DNF -> DNF;
            case STRACE -> STRACE;
            case NONE -> List.of();
        };
    }

    public static Whitelist forCommand(String command) {
        return forCommand(command, List.of());
    }

    /** A package manager as a word of the command line (after a blank, a separator or a quote). */
    private static final Pattern APT_WORD = Pattern.compile("[\\s;&|(\"'](apt|apt-get|dpkg)\\s");

    private static final Pattern DNF_WORD = Pattern.compile("[\\s;&|(\"']dnf\\s");
    private static final Pattern YUM_WORD = Pattern.compile("[\\s;&|(\"']yum\\s");

    static Family familyOf(String command) {
        String c = " " + command.toLowerCase(Locale.ROOT) + " ";
        if (c.contains(" strace ")) {
            return Family.STRACE;
        }
        if (APT_WORD.matcher(c).find()) {
            return Family.APT;
        }
        if (DNF_WORD.matcher(c).find()) {
            return Family.DNF;
        }
        if (YUM_WORD.matcher(c).find()) {
            return Family.YUM;
        }
        return Family.NONE;
    }

    public Family family() {
        return family;
    }

    public boolean isWhitelisted(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return true; // a blank line explains nothing and fails nothing
        }
        for (Pattern p : patterns) {
            if (p.matcher(trimmed).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The lines that are not noise, in order, verbatim. */
    public List<String> nonWhitelisted(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!isWhitelisted(line)) {
                kept.add(line);
            }
        }
        return kept;
    }
}
