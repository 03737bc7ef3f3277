package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import org.assertj.core.api.AbstractAssert;

/**
 * What every host-fact assertion shares: a failure names the node, the fact, what was expected and what is, and the
 * command that read the fact with its output.
 */
abstract class FactAssert<SELF extends FactAssert<SELF, ACTUAL>, ACTUAL> extends AbstractAssert<SELF, ACTUAL> {

    FactAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** The command that read the fact. */
    abstract CommandResult readBy();

    /** The fact, as a failure names it: {@code service tomcat10}. */
    abstract String fact();

    /** Fails unless {@code holds}: "on node N: expected FACT to EXPECTED, but ACTUAL; read by …". */
    SELF expect(boolean holds, String expected, String actualState) {
        isNotNull();
        if (!holds) {
            failWithMessage(
                    "%s",
                    "on node " + readBy().node() + ": expected " + fact() + " to " + expected + ", but " + actualState
                            + "\nread by " + readBy().evidence());
        }
        return myself;
    }
}
