package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostSocket;

/** Assertions on a socket of a node. */
public final class HostSocketAssert extends FactAssert<HostSocketAssert, HostSocket> {

    HostSocketAssert(HostSocket actual) {
        super(actual, HostSocketAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "socket " + actual.url();
    }

    private String listeners() {
        return actual.listeners().isEmpty()
                ? "nothing " + actual.protocol() + " is listening"
                : "the " + actual.protocol() + " listeners are " + actual.listeners();
    }

    public HostSocketAssert isListening() {
        return expect(actual.listening(), "be listening", listeners());
    }

    public HostSocketAssert isNotListening() {
        return expect(!actual.listening(), "not be listening", listeners());
    }
}
