package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostFile;

/** Assertions on a path of a node. */
public final class HostFileAssert extends FactAssert<HostFileAssert, HostFile> {

    HostFileAssert(HostFile actual) {
        super(actual, HostFileAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "file " + actual.path();
    }

    private String state() {
        return actual.exists() ? "it is a " + actual.type() : "it does not exist";
    }

    public HostFileAssert exists() {
        return expect(actual.exists(), "exist", state());
    }

    public HostFileAssert doesNotExist() {
        return expect(!actual.exists(), "not exist", state());
    }

    public HostFileAssert isFile() {
        return expect(actual.isFile(), "be a regular file", state());
    }

    public HostFileAssert isDirectory() {
        return expect(actual.isDirectory(), "be a directory", state());
    }

    /** The content (its first MiB) contains {@code text}. */
    public HostFileAssert contains(String text) {
        isFile();
        return expect(actual.contents().orElse("").contains(text), "contain \"" + text + "\"", "its content does not");
    }

    /** The permission bits, in octal: {@code 644}. */
    public HostFileAssert hasMode(String octal) {
        exists();
        return expect(actual.mode().equals(octal), "have mode " + octal, "its mode is " + actual.mode());
    }

    public HostFileAssert isOwnedBy(String owner) {
        exists();
        return expect(actual.owner().equals(owner), "be owned by " + owner, "its owner is " + actual.owner());
    }

    public HostFileAssert hasGroup(String group) {
        exists();
        return expect(actual.group().equals(group), "have group " + group, "its group is " + actual.group());
    }

    public HostFileAssert hasSha256(String hex) {
        isFile();
        String sha = actual.sha256().orElse("none");
        return expect(sha.equalsIgnoreCase(hex), "have SHA-256 " + hex, "it has " + sha);
    }
}
