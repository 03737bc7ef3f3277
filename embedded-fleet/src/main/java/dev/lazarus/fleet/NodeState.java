package dev.lazarus.fleet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a simulated node remembers between commands: installed packages with their versions, enabled and running
 * services, the users packages created, and its files. The ports it listens on and its processes follow from these.
 */
final class NodeState implements AutoCloseable {

    /** The node's SSH daemon, always listening, always running. */
    static final int SSH_PORT = 22;

    private final Map<String, String> packages = new HashMap<>();
    private final Set<String> enabled = new HashSet<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> flakyFired = new HashSet<>();
    private final Map<String, Integer> lockedRuns = new HashMap<>();
    /** Process groups running now, by id: a command line each. */
    private final Map<Long, String> groups = new TreeMap<>();

    private long nextPid = 30_000;
    private final NodeFiles files = new NodeFiles();
    private boolean updated;

    synchronized boolean installed(String pkg) {
        return packages.containsKey(pkg);
    }

    /** The installed version of {@code pkg}, the base system's included. */
    synchronized Optional<String> version(String pkg) {
        return Optional.ofNullable(packages.get(pkg)).or(() -> Optional.ofNullable(Archive.BASE.get(pkg)));
    }

    /** Installs {@code pkg}: its version, its files, its service's user. */
    void install(Archive.Package pkg) {
        synchronized (this) {
            packages.put(pkg.name(), pkg.version());
        }
        pkg.files().forEach(f -> files.install(f.path(), f.content(), f.owner(), f.group(), f.mode()));
    }

    synchronized void markUpdated() {
        updated = true;
    }

    synchronized boolean updated() {
        return updated;
    }

    synchronized void enable(String service) {
        enabled.add(service);
    }

    synchronized boolean enabled(String service) {
        return enabled.contains(service);
    }

    synchronized void start(String service) {
        running.add(service);
    }

    synchronized void stop(String service) {
        running.remove(service);
    }

    synchronized boolean running(String service) {
        return running.contains(service);
    }

    /** The TCP ports something listens on: SSH, and each running service's. */
    synchronized Set<Integer> listening() {
        Set<Integer> ports = new TreeSet<>(List.of(SSH_PORT));
        for (String unit : running) {
            Archive.find(unit).flatMap(Archive.Package::service).ifPresent(s -> ports.add(s.port()));
        }
        return ports;
    }

    /** The node's processes by pid: init, sshd, and each running service. */
    synchronized Map<Long, String> processes() {
        Map<Long, String> processes = new LinkedHashMap<>();
        processes.put(1L, "/sbin/init");
        processes.put(412L, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        groups.forEach(processes::put);
        long pid = 2000;
        for (String unit : new TreeSet<>(running)) {
            Archive.Service s =
                    Archive.find(unit).flatMap(Archive.Package::service).orElse(null);
            if (s != null) {
                processes.put(pid++, s.commandLine());
            }
        }
        return processes;
    }

    /** The {@code passwd} line of {@code user}, if the node has that user. */
    synchronized Optional<String> passwd(String user) {
        if (user.equals("root")) {
            return Optional.of("root:x:0:0:root:/root:/bin/bash");
        }
        if (user.equals(EmbeddedFleet.USER)) {
            return Optional.of(EmbeddedFleet.USER + ":x:1000:1000::/home/" + EmbeddedFleet.USER + ":/bin/bash");
        }
        boolean created = packages.keySet().stream()
                .map(Archive::find)
                .flatMap(Optional::stream)
                .flatMap(p -> p.service().stream())
                .anyMatch(s -> s.user().equals(user));
        return created ? Optional.ofNullable(Archive.USERS.get(user)) : Optional.empty();
    }

    NodeFiles files() {
        return files;
    }

    synchronized long nextPid() {
        return nextPid++;
    }

    synchronized void groupStarted(long id, String command) {
        groups.put(id, command);
    }

    synchronized void groupEnded(long id) {
        groups.remove(id);
    }

    synchronized boolean groupRunning(long id) {
        return groups.containsKey(id);
    }

    /** How many times {@code command} ran on this node before, counted for the locked behaviour. */
    synchronized int runsBefore(String command) {
        return lockedRuns.merge(command, 1, Integer::sum) - 1;
    }

    /** True the first time a flaky command runs on this node. */
    synchronized boolean firstFlakyRun(String command) {
        return flakyFired.add(command);
    }

    @Override
    public void close() {
        files.close();
    }
}
