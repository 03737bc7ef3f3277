package dev.lazarus.run;

import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.Unreachable;
import dev.lazarus.verdict.CheckOutcome;
import java.util.Map;
import java.util.Optional;

/**
 * What a run tells its test tree as it goes. The JUnit adapter implements it and turns it into test events; calls
 * come from the run's thread and from node workers at once.
 */
public interface RunListener {

    /** A pass begins: the first pass over the shard, or a resurrection round. */
    void passStarted(Pass pass);

    /** An instance the control plane could not hand over as a node gets a verdict of its own, by id. */
    void instanceWithoutNode(Pass pass, Unreachable instance);

    /** An attempt is about to be dispatched. */
    void attemptPlanned(PlannedAttempt attempt);

    /** The attempt was admitted and its worker runs. A skipped attempt ends without starting. */
    void attemptStarted(PlannedAttempt attempt);

    /** A node check of the attempt begins (after its install succeeded), on the attempt's worker. */
    void checkStarted(PlannedAttempt attempt, String check);

    /** The node check ended. Checks that never start end with the attempt, which names why. */
    void checkEnded(PlannedAttempt attempt, CheckOutcome outcome);

    /**
     * The attempt ended. A failure in a pass after which resurrection may follow waits for the gatekeeper: it is
     * then {@link #superseded} or {@link #failureIsFinal final}.
     */
    void attemptEnded(PlannedAttempt attempt, AttemptEnd end);

    /** No attempt of the pass is in flight any more; {@code broke} when the pass itself failed. */
    void passEnded(Pass pass, Optional<Throwable> broke);

    /** The gatekeeper gave {@code ip} attempt {@code nextAttempt} in {@code round}: its failed attempt is superseded. */
    void superseded(String ip, int nextAttempt, int round, String reason);

    /** The failed attempt of {@code ip} is the node's verdict: no other attempt follows. */
    void failureIsFinal(String ip);

    /** The gatekeeper decides nothing more: every failure still waiting is final. */
    void decisionsEnded(Optional<Throwable> broke);

    /**
     * The fleet verdicts, once every attempt has ended.
     *
     * @param lastEventByIp the last lifecycle event each IP reached, for the ghosts' messages
     */
    void fleetAssessed(FleetAssessment assessment, Map<String, String> lastEventByIp);
}
