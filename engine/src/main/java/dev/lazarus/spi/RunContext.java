package dev.lazarus.spi;

import java.nio.file.Path;

/**
 * What an extension knows about the run it observes; all of it can be read back from the journal, so a run killed
 * midway can still be reported.
 *
 * @param runId unique id of the run, also the name of its folder
 * @param scenario the scenario's name
 * @param controlPlane the control plane that provided the fleet
 * @param runDir the run's output folder, where every artifact goes
 * @param journal the run's journal file
 * @param shard the shard label ({@code 1/1} when the run is not sharded)
 * @param parameters the run's configuration parameters (the {@code lazarus.*} system properties when a report is
 *     rebuilt from a journal)
 * @param publications where the run's results are published for the test runner
 */
public record RunContext(
        String runId,
        String scenario,
        String controlPlane,
        Path runDir,
        Path journal,
        String shard,
        Parameters parameters,
        Publications publications) {}
