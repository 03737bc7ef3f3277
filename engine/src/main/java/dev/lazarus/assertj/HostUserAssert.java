package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostUser;

/** Assertions on a user account of a node. */
public final class HostUserAssert extends FactAssert<HostUserAssert, HostUser> {

    HostUserAssert(HostUser actual) {
        super(actual, HostUserAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "user " + actual.name();
    }

    public HostUserAssert exists() {
        return expect(actual.exists(), "exist", "it does not");
    }

    public HostUserAssert doesNotExist() {
        return expect(!actual.exists(), "not exist", "it does (uid " + actual.uid() + ")");
    }

    public HostUserAssert hasUid(int uid) {
        exists();
        return expect(actual.uid() == uid, "have uid " + uid, "its uid is " + actual.uid());
    }

    public HostUserAssert hasHome(String home) {
        exists();
        return expect(actual.home().equals(home), "have home " + home, "its home is " + actual.home());
    }

    public HostUserAssert hasShell(String shell) {
        exists();
        return expect(actual.shell().equals(shell), "have shell " + shell, "its shell is " + actual.shell());
    }

    public HostUserAssert belongsTo(String group) {
        exists();
        return expect(actual.groups().contains(group), "belong to " + group, "its groups are " + actual.groups());
    }
}
