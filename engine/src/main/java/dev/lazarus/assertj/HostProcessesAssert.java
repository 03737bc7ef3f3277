package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostProcesses;

/** Assertions on the processes of a node that match a pattern. */
public final class HostProcessesAssert extends FactAssert<HostProcessesAssert, HostProcesses> {

    HostProcessesAssert(HostProcesses actual) {
        super(actual, HostProcessesAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "processes matching /" + actual.pattern() + "/";
    }

    private String found() {
        return actual.matching().isEmpty() ? "none runs" : actual.matching().size() + " run: " + actual.matching();
    }

    /** At least one runs. */
    public HostProcessesAssert isRunning() {
        return expect(!actual.matching().isEmpty(), "run", found());
    }

    public HostProcessesAssert isNotRunning() {
        return expect(actual.matching().isEmpty(), "not run", found());
    }

    public HostProcessesAssert hasCount(int count) {
        return expect(actual.matching().size() == count, "be " + count, found());
    }
}
