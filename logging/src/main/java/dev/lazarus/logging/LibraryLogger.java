package dev.lazarus.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One library logger: lines at or above {@link LibraryLog#threshold()} go to the library log. */
final class LibraryLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    LibraryLogger(String name) {
        this.name = name;
    }

    private static boolean on(Level level) {
        return level.toInt() >= LibraryLog.threshold().toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        LibraryLog.append(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
}
