package dev.lazarus.extension;

import dev.lazarus.config.ScenarioConfig;
import java.nio.file.Path;

/**
 * What an extension knows about the run it observes.
 *
 * @param runId unique id of the run, also the name of its folder
 * @param config the scenario's resolved configuration
 * @param runDir the run's output folder, where every artifact goes
 * @param journal the run's journal file
 * @param shard the shard label ({@code 1/1} when the run is not sharded)
 */
public record RunContext(String runId, ScenarioConfig config, Path runDir, Path journal, String shard) {
}
