package dev.lazarus.logging;

import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunObserver;
import java.util.List;

/** Points the library log at the run folder's {@code libraries.log} when a run's gold list is ready. */
public final class LibraryLogFile implements RunObserver {

    @Override
    public String id() {
        return "library-log";
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public int order() {
        return -1_000; // first: the other observers' libraries log into this run's file
    }

    @Override
    public void goldListReady(RunContext run, List<String> goldIps) throws Exception {
        LibraryLog.openRun(run.runDir().resolve(LibraryLog.FILE));
    }
}
