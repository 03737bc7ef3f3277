package dev.lazarus.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Passes events to the platform one at a time. Node workers finish concurrently, and the listeners of
 * Surefire and IDEs are not all thread-safe.
 */
final class SerializedListener implements EngineExecutionListener {

    private final EngineExecutionListener delegate;

    SerializedListener(EngineExecutionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void dynamicTestRegistered(TestDescriptor testDescriptor) {
        delegate.dynamicTestRegistered(testDescriptor);
    }

    @Override
    public synchronized void executionSkipped(TestDescriptor testDescriptor, String reason) {
        delegate.executionSkipped(testDescriptor, reason);
    }

    @Override
    public synchronized void executionStarted(TestDescriptor testDescriptor) {
        delegate.executionStarted(testDescriptor);
    }

    @Override
    public synchronized void executionFinished(TestDescriptor testDescriptor, TestExecutionResult result) {
        delegate.executionFinished(testDescriptor, result);
    }

    @Override
    public synchronized void reportingEntryPublished(TestDescriptor testDescriptor, ReportEntry entry) {
        delegate.reportingEntryPublished(testDescriptor, entry);
    }

    @Override
    public synchronized void fileEntryPublished(TestDescriptor testDescriptor, FileEntry file) {
        delegate.fileEntryPublished(testDescriptor, file);
    }
}
