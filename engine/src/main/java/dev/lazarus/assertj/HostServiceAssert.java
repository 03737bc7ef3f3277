package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostService;

/** Assertions on a service of a node. */
public final class HostServiceAssert extends FactAssert<HostServiceAssert, HostService> {

    HostServiceAssert(HostService actual) {
        super(actual, HostServiceAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "service " + actual.name();
    }

    public HostServiceAssert isRunning() {
        return expect(actual.running(), "be running", "it is not");
    }

    public HostServiceAssert isNotRunning() {
        return expect(!actual.running(), "not be running", "it is");
    }

    /** Starts at boot. */
    public HostServiceAssert isEnabled() {
        return expect(actual.enabled(), "be enabled", "it is not");
    }

    public HostServiceAssert isNotEnabled() {
        return expect(!actual.enabled(), "not be enabled", "it is");
    }
}
