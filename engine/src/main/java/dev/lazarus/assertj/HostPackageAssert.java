package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostPackage;

/** Assertions on a package of a node. */
public final class HostPackageAssert extends FactAssert<HostPackageAssert, HostPackage> {

    HostPackageAssert(HostPackage actual) {
        super(actual, HostPackageAssert.class);
    }

    @Override
    CommandResult readBy() {
        return actual.readBy();
    }

    @Override
    String fact() {
        return "package " + actual.name();
    }

    private String state() {
        return actual.installed() ? "version " + actual.version().orElse("?") + " is installed" : "it is not installed";
    }

    public HostPackageAssert isInstalled() {
        return expect(actual.installed(), "be installed", state());
    }

    public HostPackageAssert isNotInstalled() {
        return expect(!actual.installed(), "not be installed", state());
    }

    public HostPackageAssert hasVersion(String version) {
        isInstalled();
        return expect(actual.version().orElse("").equals(version), "have version " + version, state());
    }

    public HostPackageAssert hasVersionStartingWith(String prefix) {
        isInstalled();
        return expect(
                actual.version().orElse("").startsWith(prefix), "have a version starting with " + prefix, state());
    }
}
