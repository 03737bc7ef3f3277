package dev.lazarus.extension;

import dev.lazarus.controlplane.Node;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.registry.RegistryEntry;
import java.util.List;

/**
 * Extension point for whatever reports a run (artifacts, console recap, Allure), found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.lazarus.extension.RunObserver}), so the
 * engine never depends on a reporter. Calls come serialised; an exception fails the scenario but never
 * loses the journal, from which every report can be rebuilt.
 */
public interface RunObserver {

    /** The gold list is on disk; no install has started. */
    default void goldListReady(RunContext run, List<Node> gold) throws Exception {}

    /**
     * One attempt reached its verdict, called from that node's worker.
     *
     * @param events the attempt's journal events, in order, as they were appended
     */
    default void attemptFinished(RunContext run, RegistryEntry entry, List<JournalEvent> events) throws Exception {}

    /** Every attempt has a verdict (or is a ghost) and the fleet verdicts are in. */
    default void runFinished(RunContext run, RunResult result) throws Exception {}

    /**
     * Observers are called in ascending order; one that gathers the others' artifacts (the Allure report)
     * comes late. Default 0.
     */
    default int order() {
        return 0;
    }

    /** The observers on the class path, in call order. */
    static List<RunObserver> load(ClassLoader loader) {
        List<RunObserver> found = new java.util.ArrayList<>();
        java.util.ServiceLoader.load(RunObserver.class, loader).forEach(found::add);
        found.sort(java.util.Comparator.comparingInt(RunObserver::order));
        return List.copyOf(found);
    }
}
