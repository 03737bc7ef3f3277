package dev.lazarus.fleet;

import java.util.HashSet;
import java.util.Set;

/** What a simulated node remembers between commands: installed packages, enabled and running services. */
final class NodeState {

    private final Set<String> packages = new HashSet<>();
    private final Set<String> enabled = new HashSet<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> flakyFired = new HashSet<>();
    private boolean updated;

    synchronized boolean installed(String pkg) {
        return packages.contains(pkg);
    }

    synchronized void install(String pkg) {
        packages.add(pkg);
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

    synchronized void start(String service) {
        running.add(service);
    }

    synchronized void stop(String service) {
        running.remove(service);
    }

    synchronized boolean running(String service) {
        return running.contains(service);
    }

    /** True the first time a flaky command runs on this node. */
    synchronized boolean firstFlakyRun(String command) {
        return flakyFired.add(command);
    }
}
