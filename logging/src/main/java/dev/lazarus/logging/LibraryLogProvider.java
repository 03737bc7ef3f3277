package dev.lazarus.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of {@code lazarus-logging}: the libraries' log lines go to {@link LibraryLog} (the run folder's
 * {@code libraries.log}), never to the console unless {@code lazarus.log.console=true} asks for it. Without any
 * provider SLF4J would print "No SLF4J providers were found" on every run.
 */
public final class LibraryLogProvider implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = LibraryLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {}
}
