package dev.lazarus.spi;

import java.util.List;

/**
 * An extension that reports runs (artifacts, console recap, Allure). Calls come one at a time; an exception fails
 * the scenario but never loses the journal, from which every report can be rebuilt.
 *
 * <pre>{@code
 * public final class GhostCount implements RunObserver {
 *     public String id() { return "ghost-count"; }
 *     public void runFinished(RunContext run, RunResult result) {
 *         run.publications().entry("ghosts", String.valueOf(result.assessment().ghosts().size()));
 *     }
 * }
 * }</pre>
 */
public interface RunObserver extends Extension {

    /** The gold list is on disk; no install has started. */
    default void goldListReady(RunContext run, List<String> goldIps) throws Exception {}

    /**
     * One attempt reached its verdict, called from that node's worker.
     *
     * @param timeline when the attempt's steps happened
     */
    default void attemptFinished(RunContext run, RegistryEntry entry, AttemptTimeline timeline) throws Exception {}

    /** Every attempt has a verdict (or is a ghost) and the fleet verdicts are in. */
    default void runFinished(RunContext run, RunResult result) throws Exception {}

    /**
     * What it does, as a user reads it in the notice that a call took long ({@code writing the Allure report took
     * 2.3 s at the end of the run}). Default: {@code the <id> extension}.
     */
    default String activity() {
        return "the " + id() + " extension";
    }

    /** Observers are called in ascending order; one that gathers the others' artifacts comes late. Default 0. */
    default int order() {
        return 0;
    }
}
