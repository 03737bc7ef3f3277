package dev.lazarus.engine;

import dev.lazarus.check.ScenarioMethod;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One node check on one node, a dynamic test under the node's: {@code check <method>}. Its source is the check's
 * method, so an IDE jumps to it and re-runs that check (on every node). Reports that flatten the tree (Surefire's
 * XML) name it {@code node <ip>: check <method>}.
 */
final class CheckTestDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "check";

    private final String legacyName;

    /** @param scenarioClass the scenario, which may have inherited the check (JUnit's sources name the test class) */
    CheckTestDescriptor(UniqueId nodeId, String ip, Class<?> scenarioClass, ScenarioMethod check) {
        super(
                nodeId.append(SEGMENT, check.name()),
                "check " + check.name(),
                MethodSource.from(scenarioClass.getName(), check.name(), check.parameterTypes()));
        this.legacyName = "node " + ip + ": check " + check.name();
    }

    @Override
    public String getLegacyReportingName() {
        return legacyName;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
